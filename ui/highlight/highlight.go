// Package highlight holds hookterm's two syntax lexers, JavaScript and JSON, written as
// chroma rules in Go.
//
// It exists so that the binary does not import chroma's lexers package: that package's
// init parses every one of its ~250 embedded XML lexer definitions at process start
// (about 17 ms, paid by every hookterm command and every runner worker), and we need two.
// These lexers are built on first use only. Nothing here imports chroma's lexers, styles,
// quick or formatters packages; callers map tokens to Category and colour them with their
// own lipgloss theme.
package highlight

import (
	"sync"

	"github.com/alecthomas/chroma/v2"
)

// The lexers are compiled on first use (compiling the regexps costs time nobody should pay
// at start-up) and are immutable afterwards, so sharing them is safe.
var (
	jsLexer   = sync.OnceValue(func() chroma.Lexer { return chroma.MustNewLexer(jsConfig(), jsRules) })
	jsonLexer = sync.OnceValue(func() chroma.Lexer { return chroma.MustNewLexer(jsonConfig(), jsonRules) })
)

// JavaScript returns the JavaScript lexer. It is not coalesced: wrap it in chroma.Coalesce
// when adjacent tokens of one type should be merged.
func JavaScript() chroma.Lexer { return jsLexer() }

// JSON returns the JSON lexer. Object keys come out as chroma.NameTag (Category Key),
// other strings as chroma.LiteralStringDouble.
func JSON() chroma.Lexer { return jsonLexer() }

// Category is the small set of classes callers colour; it folds chroma's fine token types.
type Category int

// The categories. Plain covers whitespace, plain identifiers and anything unclassified.
const (
	Plain       Category = iota
	Keyword              // keywords and declarations (if, return, const, function, this)
	Literal              // constant keywords: true, false, null, undefined, NaN, Infinity
	Builtin              // global objects and functions (Math, JSON, Promise, parseInt)
	Function             // the name in a function or class declaration
	String               // strings, template literals and regular expressions
	Number               // every numeric literal
	Comment              // line, block and hashbang comments
	Operator             // operators, including ?. ?? ??= and ...
	Punctuation          // brackets, braces, parentheses, commas, semicolons, dots, =>
	Key                  // a JSON object key
)

// String names the category, for tests and debugging.
func (c Category) String() string {
	switch c {
	case Keyword:
		return "Keyword"
	case Literal:
		return "Literal"
	case Builtin:
		return "Builtin"
	case Function:
		return "Function"
	case String:
		return "String"
	case Number:
		return "Number"
	case Comment:
		return "Comment"
	case Operator:
		return "Operator"
	case Punctuation:
		return "Punctuation"
	case Key:
		return "Key"
	}
	return "Plain"
}

// Categorize maps a chroma token type, from these lexers or any other, to its Category.
func Categorize(t chroma.TokenType) Category {
	switch {
	case t == chroma.KeywordConstant:
		return Literal
	case t.InCategory(chroma.Keyword):
		return Keyword
	case t == chroma.NameTag:
		return Key
	case t == chroma.NameBuiltin || t == chroma.NameBuiltinPseudo:
		return Builtin
	case t == chroma.NameFunction || t == chroma.NameClass:
		return Function
	case t.InSubCategory(chroma.LiteralString):
		return String
	case t.InSubCategory(chroma.LiteralNumber):
		return Number
	case t.InCategory(chroma.Comment):
		return Comment
	case t.InCategory(chroma.Operator):
		return Operator
	case t.InCategory(chroma.Punctuation):
		return Punctuation
	}
	return Plain
}
