package highlight

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
)

// hlLossless lexes text and reports whether the tokens rebuild it exactly. chroma panics
// when a rule pops an empty stack, so a panic here is a bug in the rules.
func hlLossless(t *testing.T, l chroma.Lexer, text string) {
	t.Helper()
	it, err := l.Tokenise(nil, text)
	if err != nil {
		t.Fatalf("tokenise %q: %v", text, err)
	}
	var b strings.Builder
	for tok := it(); tok != chroma.EOF; tok = it() {
		b.WriteString(tok.Value)
	}
	if b.String() != text {
		t.Fatalf("tokens rebuild %q, want %q", b.String(), text)
	}
}

// The editor lexes ranges of lines, starting wherever its own scanner says plain code
// starts; whatever slice it picks must lex without error and losslessly.
func TestEveryLineAndSuffixOfTheCorpus(t *testing.T) {
	for _, s := range hlJSSamples(t) {
		lines := strings.Split(s.text, "\n")
		for i := range lines {
			hlLossless(t, JavaScript(), lines[i])
			hlLossless(t, JavaScript(), strings.Join(lines[i:], "\n"))
		}
	}
	for _, s := range hlJSONSamples(t) {
		for _, line := range strings.Split(s.text, "\n") {
			hlLossless(t, JSON(), line)
		}
	}
}

func FuzzJavaScript(f *testing.F) {
	for _, seed := range []string{
		"a / b / c", "x = /[/]+/g.test(s)", "`a${ `b${c}` }d`", "}`${", "'abc\nlet x", "/* open",
		"0x1F_ffn ?? 1_0.5e1_0", "this.#x?.[0] ??= () => {}", "class A extends B { static #c = 1 }",
		"function* g() { yield /re/; }", "/[/[/[/[", "/\\/\\/\\", "x\\u0041", "#!", "\"\\", "a?.5:1", "${}}}{{{",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if !utf8.ValidString(src) || strings.Contains(src, "\r") {
			// chroma lexes runes and turns every \r\n and \r into \n before any lexer runs:
			// such input cannot come back byte for byte whatever the rules.
			return
		}
		hlLossless(t, JavaScript(), src)
		hlLossless(t, JSON(), src)
	})
}
