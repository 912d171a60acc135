package highlight

import (
	"fmt"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
)

type hlTok struct {
	typ chroma.TokenType
	val string
}

// hlLex lexes text, checks it is rebuilt exactly, and drops whitespace tokens so cases
// can list just the tokens that matter.
func hlLex(t *testing.T, l chroma.Lexer, text string) []hlTok {
	t.Helper()
	it, err := l.Tokenise(nil, text)
	if err != nil {
		t.Fatalf("tokenise %q: %v", text, err)
	}
	var b strings.Builder
	var out []hlTok
	for tok := it(); tok != chroma.EOF; tok = it() {
		b.WriteString(tok.Value)
		if strings.TrimSpace(tok.Value) == "" {
			continue
		}
		out = append(out, hlTok{tok.Type, tok.Value})
	}
	if b.String() != text {
		t.Fatalf("tokens rebuild %q, want %q", b.String(), text)
	}
	return out
}

func hlDump(toks []hlTok) string {
	var b strings.Builder
	for _, tk := range toks {
		fmt.Fprintf(&b, "%s %q\n", tk.typ, tk.val)
	}
	return b.String()
}

// hlExpect checks that want appears in toks as a contiguous run.
func hlExpect(t *testing.T, text string, want ...hlTok) {
	t.Helper()
	toks := hlLex(t, JavaScript(), text)
	for i := 0; i+len(want) <= len(toks); i++ {
		match := true
		for j, w := range want {
			if toks[i+j] != w {
				match = false
				break
			}
		}
		if match {
			return
		}
	}
	t.Errorf("%q: tokens\n%s do not contain the run\n%s", text, hlDump(toks), hlDump(want))
}

func tk(typ chroma.TokenType, val string) hlTok { return hlTok{typ, val} }

func TestRegexVersusDivision(t *testing.T) {
	cases := []struct {
		src  string
		want []hlTok
	}{
		{"a = b / c / d;", []hlTok{tk(chroma.NameOther, "b"), tk(chroma.Operator, "/"), tk(chroma.NameOther, "c"), tk(chroma.Operator, "/"), tk(chroma.NameOther, "d")}},
		{"x = /ab+c/gi.test(s);", []hlTok{tk(chroma.Operator, "="), tk(chroma.LiteralStringRegex, "/ab+c/gi"), tk(chroma.Punctuation, ".")}},
		{"f(x) / 2", []hlTok{tk(chroma.Punctuation, ")"), tk(chroma.Operator, "/"), tk(chroma.LiteralNumberInteger, "2")}},
		{"arr[0] / 2", []hlTok{tk(chroma.Punctuation, "]"), tk(chroma.Operator, "/"), tk(chroma.LiteralNumberInteger, "2")}},
		{"return /re/.test(s)", []hlTok{tk(chroma.Keyword, "return"), tk(chroma.LiteralStringRegex, "/re/")}},
		{"if (/^x/.test(s)) {}", []hlTok{tk(chroma.Punctuation, "("), tk(chroma.LiteralStringRegex, "/^x/")}},
		{"s.split(/,\\s*/)", []hlTok{tk(chroma.Punctuation, "("), tk(chroma.LiteralStringRegex, `/,\s*/`), tk(chroma.Punctuation, ")")}},
		{"x /= 2", []hlTok{tk(chroma.NameOther, "x"), tk(chroma.Operator, "/=")}},
		{"n = 10 / 2 / 5", []hlTok{tk(chroma.LiteralNumberInteger, "10"), tk(chroma.Operator, "/"), tk(chroma.LiteralNumberInteger, "2"), tk(chroma.Operator, "/")}},
		{"a /* c */ / b", []hlTok{tk(chroma.NameOther, "a"), tk(chroma.CommentMultiline, "/* c */"), tk(chroma.Operator, "/"), tk(chroma.NameOther, "b")}},
		// A "/" inside a character class does not end the regex.
		{"r = /[/]+/g", []hlTok{tk(chroma.LiteralStringRegex, "/[/]+/g")}},
		{"r = /a\\/b/", []hlTok{tk(chroma.LiteralStringRegex, `/a\/b/`)}},
		{"'a' / 2", []hlTok{tk(chroma.LiteralStringSingle, "'a'"), tk(chroma.Operator, "/")}},
		{"i++ / 2", []hlTok{tk(chroma.Operator, "++"), tk(chroma.Operator, "/")}},
		{"this.n / 2", []hlTok{tk(chroma.NameOther, "n"), tk(chroma.Operator, "/")}},
		{"const half = x => x / 2;", []hlTok{tk(chroma.Punctuation, "=>"), tk(chroma.NameOther, "x"), tk(chroma.Operator, "/"), tk(chroma.LiteralNumberInteger, "2")}},
		{"const re = x => /x/;", []hlTok{tk(chroma.Punctuation, "=>"), tk(chroma.LiteralStringRegex, "/x/")}},
	}
	for _, c := range cases {
		hlExpect(t, c.src, c.want...)
	}
}

func TestTemplateLiterals(t *testing.T) {
	src := "const s = `a${ `x${y}` }b${ {k: 1}.k }c`; const z = 2 / 1;"
	want := []hlTok{
		tk(chroma.LiteralStringBacktick, "`"), tk(chroma.LiteralStringBacktick, "a"),
		tk(chroma.LiteralStringInterpol, "${"),
		tk(chroma.LiteralStringBacktick, "`"), tk(chroma.LiteralStringBacktick, "x"),
		tk(chroma.LiteralStringInterpol, "${"), tk(chroma.NameOther, "y"), tk(chroma.LiteralStringInterpol, "}"),
		tk(chroma.LiteralStringBacktick, "`"),
		tk(chroma.LiteralStringInterpol, "}"),
		tk(chroma.LiteralStringBacktick, "b"),
		tk(chroma.LiteralStringInterpol, "${"),
		tk(chroma.Punctuation, "{"), tk(chroma.NameOther, "k"), tk(chroma.Operator, ":"), tk(chroma.LiteralNumberInteger, "1"), tk(chroma.Punctuation, "}"),
		tk(chroma.Punctuation, "."), tk(chroma.NameOther, "k"),
		tk(chroma.LiteralStringInterpol, "}"),
		tk(chroma.LiteralStringBacktick, "c"), tk(chroma.LiteralStringBacktick, "`"),
		// After the template the lexer is back in code: the division is a division.
		tk(chroma.Punctuation, ";"), tk(chroma.KeywordDeclaration, "const"), tk(chroma.NameOther, "z"),
		tk(chroma.Operator, "="), tk(chroma.LiteralNumberInteger, "2"), tk(chroma.Operator, "/"),
	}
	hlExpect(t, src, want...)

	// Escapes, a lone "$" and a multi-line template.
	hlExpect(t, "`\\`$x\n${a}`", tk(chroma.LiteralStringBacktick, "`"), tk(chroma.LiteralStringEscape, "\\`"),
		tk(chroma.LiteralStringBacktick, "$"), tk(chroma.LiteralStringBacktick, "x\n"), tk(chroma.LiteralStringInterpol, "${"))
}

func TestCommentsAndStrings(t *testing.T) {
	hlExpect(t, `x = "// not a comment"; y = 1`, tk(chroma.LiteralStringDouble, `"// not a comment"`), tk(chroma.Punctuation, ";"), tk(chroma.NameOther, "y"))
	hlExpect(t, `x = '/* nor this */' + 1`, tk(chroma.LiteralStringSingle, `'/* nor this */'`), tk(chroma.Operator, "+"))
	hlExpect(t, "x = `// in a template`", tk(chroma.LiteralStringBacktick, "// in a template"))
	hlExpect(t, `x = "a \" quote"`, tk(chroma.LiteralStringDouble, `"a \" quote"`))
	hlExpect(t, "// it's \"quoted\"\nlet a", tk(chroma.CommentSingle, `// it's "quoted"`), tk(chroma.KeywordDeclaration, "let"))
	hlExpect(t, "/* a\n ' b */ let a", tk(chroma.CommentMultiline, "/* a\n ' b */"), tk(chroma.KeywordDeclaration, "let"))
	hlExpect(t, "#!/usr/bin/env node\nlet a", tk(chroma.CommentHashbang, "#!/usr/bin/env node"), tk(chroma.KeywordDeclaration, "let"))
}

// An unterminated string must colour only its own line: the editor lexes line ranges and
// a user mid-way through typing a string must not see the rest of the file turn into one.
func TestUnterminatedStringStopsAtLineEnd(t *testing.T) {
	hlExpect(t, "const s = \"abc\nconst t = 1;", tk(chroma.LiteralStringDouble, `"abc`), tk(chroma.KeywordDeclaration, "const"),
		tk(chroma.NameOther, "t"), tk(chroma.Operator, "="), tk(chroma.LiteralNumberInteger, "1"))
	hlExpect(t, "const s = 'abc\nreturn x;", tk(chroma.LiteralStringSingle, `'abc`), tk(chroma.Keyword, "return"))
	// So does a regex with no closing slash, where only a regex can start.
	hlExpect(t, "x = /ab[/]c\nlet y", tk(chroma.Operator, "="), tk(chroma.LiteralStringRegex, "/ab[/]c"), tk(chroma.KeywordDeclaration, "let"))
	// An unterminated block comment or template runs on, as JS reads it.
	hlExpect(t, "a /* open\nlet b", tk(chroma.CommentMultiline, "/* open\nlet b"))
}

// Fragments such as the editor lexes (a closing brace alone, the inside of a template, half
// an expression) must lex without error, losslessly, with stray closers as punctuation.
func TestPartialInput(t *testing.T) {
	for _, src := range []string{
		"}", "})", "  }, 10);", "}}}}", "${x}`", "`", "${", ")/2", "a?.", "/", "/*", "'", "\"\\", "#", "0x", "1_", "1n_", ".", "?.5",
		"  return callback(null, { accessToken: { scopes } });\n}\n",
	} {
		hlLex(t, JavaScript(), src)
		hlLex(t, JSON(), src)
	}
	hlExpect(t, "}\nlet a = 1", tk(chroma.Punctuation, "}"), tk(chroma.KeywordDeclaration, "let"))
}

func TestNumbers(t *testing.T) {
	for src, typ := range map[string]chroma.TokenType{
		"123n":        chroma.LiteralNumberInteger,
		"1_000_000":   chroma.LiteralNumberInteger,
		"1_000_000n":  chroma.LiteralNumberInteger,
		"0x1F_ffn":    chroma.LiteralNumberHex,
		"0b1010_0101": chroma.LiteralNumberBin,
		"0o7_7n":      chroma.LiteralNumberOct,
		"1_000.5e1_0": chroma.LiteralNumberFloat,
		".5":          chroma.LiteralNumberFloat,
		"8.64e15":     chroma.LiteralNumberFloat,
		"1e-7":        chroma.LiteralNumberFloat,
		"3.":          chroma.LiteralNumberFloat,
	} {
		hlExpect(t, "x = "+src+";", tk(chroma.Operator, "="), tk(typ, src), tk(chroma.Punctuation, ";"))
	}
}

func TestModernSyntax(t *testing.T) {
	// Private fields and methods, and #x in obj.
	hlExpect(t, "class C { #count = 0; #inc() { this.#count++; } static has(o) { return #count in o; } }",
		tk(chroma.KeywordDeclaration, "class"), tk(chroma.NameClass, "C"), tk(chroma.Punctuation, "{"),
		tk(chroma.NameOther, "#count"), tk(chroma.Operator, "="), tk(chroma.LiteralNumberInteger, "0"))
	hlExpect(t, "this.#count++;", tk(chroma.KeywordPseudo, "this"), tk(chroma.Punctuation, "."), tk(chroma.NameOther, "#count"), tk(chroma.Operator, "++"))
	hlExpect(t, "return #count in o", tk(chroma.Keyword, "return"), tk(chroma.NameOther, "#count"), tk(chroma.Keyword, "in"))
	// Optional chaining, including before [ and (, and not to be confused with ?.5.
	hlExpect(t, "a?.b?.[0]?.()", tk(chroma.NameOther, "a"), tk(chroma.Operator, "?."), tk(chroma.NameOther, "b"),
		tk(chroma.Operator, "?."), tk(chroma.Punctuation, "["), tk(chroma.LiteralNumberInteger, "0"), tk(chroma.Punctuation, "]"),
		tk(chroma.Operator, "?."), tk(chroma.Punctuation, "("))
	hlExpect(t, "x = y ?.5 : 1", tk(chroma.Operator, "?"), tk(chroma.LiteralNumberFloat, ".5"), tk(chroma.Operator, ":"))
	// Logical assignment.
	hlExpect(t, "a ??= b; c ||= d; e &&= f; g ** 2", tk(chroma.Operator, "??="), tk(chroma.NameOther, "b"), tk(chroma.Punctuation, ";"),
		tk(chroma.NameOther, "c"), tk(chroma.Operator, "||="), tk(chroma.NameOther, "d"), tk(chroma.Punctuation, ";"),
		tk(chroma.NameOther, "e"), tk(chroma.Operator, "&&="))
	hlExpect(t, "a ?? b", tk(chroma.Operator, "??"))
	// Arrow functions and async.
	hlExpect(t, "const f = async (a, b) => { await a; };", tk(chroma.KeywordDeclaration, "const"), tk(chroma.NameOther, "f"),
		tk(chroma.Operator, "="), tk(chroma.Keyword, "async"), tk(chroma.Punctuation, "("))
	hlExpect(t, "(a, b) => a", tk(chroma.Punctuation, ")"), tk(chroma.Punctuation, "=>"), tk(chroma.NameOther, "a"))
	// Declarations, spread, keywords used as property names, builtins and constants.
	hlExpect(t, "function onExecute(event, api) {", tk(chroma.KeywordDeclaration, "function"), tk(chroma.NameFunction, "onExecute"), tk(chroma.Punctuation, "("))
	hlExpect(t, "class A extends B {}", tk(chroma.NameClass, "A"), tk(chroma.Keyword, "extends"), tk(chroma.NameOther, "B"))
	hlExpect(t, "f(...args)", tk(chroma.Operator, "..."), tk(chroma.NameOther, "args"))
	hlExpect(t, "map.delete(k); opts.default", tk(chroma.NameOther, "delete"), tk(chroma.Punctuation, "("), tk(chroma.NameOther, "k"))
	hlExpect(t, "JSON.parse(s) === null", tk(chroma.NameBuiltin, "JSON"), tk(chroma.Punctuation, "."), tk(chroma.NameOther, "parse"))
	hlExpect(t, "x === undefined", tk(chroma.Operator, "==="), tk(chroma.KeywordConstant, "undefined"))
	hlExpect(t, "let $el = _x", tk(chroma.NameOther, "$el"), tk(chroma.Operator, "="), tk(chroma.NameOther, "_x"))
	hlExpect(t, "const ifx = 1", tk(chroma.NameOther, "ifx"))
}

func TestJSON(t *testing.T) {
	toks := hlLex(t, JSON(), `{"key": "value", "n": -1.5e3, "i": 42, "ok": true, "no": null, "arr": ["a", 0, false], "esc": "a\"b"}`)
	want := []hlTok{
		tk(chroma.Punctuation, "{"), tk(chroma.NameTag, `"key"`), tk(chroma.Punctuation, ":"), tk(chroma.LiteralStringDouble, `"value"`), tk(chroma.Punctuation, ","),
		tk(chroma.NameTag, `"n"`), tk(chroma.Punctuation, ":"), tk(chroma.LiteralNumberFloat, "-1.5e3"), tk(chroma.Punctuation, ","),
		tk(chroma.NameTag, `"i"`), tk(chroma.Punctuation, ":"), tk(chroma.LiteralNumberInteger, "42"), tk(chroma.Punctuation, ","),
		tk(chroma.NameTag, `"ok"`), tk(chroma.Punctuation, ":"), tk(chroma.KeywordConstant, "true"), tk(chroma.Punctuation, ","),
		tk(chroma.NameTag, `"no"`), tk(chroma.Punctuation, ":"), tk(chroma.KeywordConstant, "null"), tk(chroma.Punctuation, ","),
		tk(chroma.NameTag, `"arr"`), tk(chroma.Punctuation, ":"), tk(chroma.Punctuation, "["), tk(chroma.LiteralStringDouble, `"a"`), tk(chroma.Punctuation, ","),
		tk(chroma.LiteralNumberInteger, "0"), tk(chroma.Punctuation, ","), tk(chroma.KeywordConstant, "false"), tk(chroma.Punctuation, "]"), tk(chroma.Punctuation, ","),
		tk(chroma.NameTag, `"esc"`), tk(chroma.Punctuation, ":"), tk(chroma.LiteralStringDouble, `"a\"b"`), tk(chroma.Punctuation, "}"),
	}
	if got := hlDump(toks); got != hlDump(want) {
		t.Errorf("JSON tokens:\n%s\nwant:\n%s", got, hlDump(want))
	}
	// A key split from its colon by a line break is still a key; a broken string ends at its line.
	hlLexWant(t, JSON(), "{\"a\"\n  : 1}", tk(chroma.NameTag, `"a"`))
	hlLexWant(t, JSON(), "[\"open\n, 1]", tk(chroma.LiteralStringDouble, `"open`), tk(chroma.Punctuation, ","), tk(chroma.LiteralNumberInteger, "1"))
}

func hlLexWant(t *testing.T, l chroma.Lexer, src string, want ...hlTok) {
	t.Helper()
	toks := hlLex(t, l, src)
	if !strings.Contains(hlDump(toks), hlDump(want)) {
		t.Errorf("%q: tokens\n%s do not contain\n%s", src, hlDump(toks), hlDump(want))
	}
}

func TestCategorize(t *testing.T) {
	for typ, want := range map[chroma.TokenType]Category{
		chroma.KeywordConstant:       Literal,
		chroma.KeywordDeclaration:    Keyword,
		chroma.KeywordPseudo:         Keyword,
		chroma.NameTag:               Key,
		chroma.NameBuiltin:           Builtin,
		chroma.NameFunction:          Function,
		chroma.NameClass:             Function,
		chroma.LiteralStringRegex:    String,
		chroma.LiteralStringInterpol: String,
		chroma.LiteralNumberHex:      Number,
		chroma.CommentHashbang:       Comment,
		chroma.Operator:              Operator,
		chroma.Punctuation:           Punctuation,
		chroma.NameOther:             Plain,
		chroma.Text:                  Plain,
		chroma.Error:                 Plain,
	} {
		if got := Categorize(typ); got != want {
			t.Errorf("Categorize(%s) = %v, want %v", typ, got, want)
		}
	}
}
