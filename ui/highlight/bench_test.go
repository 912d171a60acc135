package highlight

import (
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// hlBigScript is a 10,000-line script made of the corpus and starter scripts repeated.
func hlBigScript(b *testing.B) string {
	b.Helper()
	t := &testing.T{}
	samples := hlJSSamples(t)
	if t.Failed() || len(samples) == 0 {
		b.Fatal("could not read the corpus")
	}
	var lines []string
	for len(lines) < 10000 {
		for _, s := range samples {
			lines = append(lines, strings.Split(strings.TrimRight(s.text, "\n"), "\n")...)
		}
	}
	return strings.Join(lines[:10000], "\n") + "\n"
}

func hlDrain(b *testing.B, l chroma.Lexer, text string) {
	it, err := l.Tokenise(nil, text)
	if err != nil {
		b.Fatalf("tokenise: %v", err)
	}
	for tok := it(); tok != chroma.EOF; tok = it() {
	}
}

func BenchmarkLex10kLines(b *testing.B) {
	text := hlBigScript(b)
	ref := lexers.Get("javascript")
	b.Run("highlight", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			hlDrain(b, JavaScript(), text)
		}
	})
	b.Run("chroma", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			hlDrain(b, ref, text)
		}
	})
}

// BenchmarkFirstUse is what the first highlight in a process pays: building the lexer and
// compiling its rules on a one-line input.
func BenchmarkFirstUse(b *testing.B) {
	for b.Loop() {
		l := chroma.MustNewLexer(jsConfig(), jsRules)
		hlDrain(b, l, "x\n")
	}
}
