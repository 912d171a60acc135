package highlight

import (
	c "github.com/alecthomas/chroma/v2"
)

// Identifier pieces. A name may hold any Unicode letter or digit plus $ and _ (and the
// zero-width joiners ES allows); ident's end is checked with a look-ahead rather than \b,
// because \b does not treat $ as a word character.
const (
	ident    = `[$_\p{L}][$\w\u200c\u200d]*`
	identEnd = `(?![$\w])`
	digits   = `\d(?:_?\d)*` // numeric separators: single underscores between digits
	exponent = `(?:[eE][+-]?` + digits + `)`
)

func jsConfig() *c.Config {
	return &c.Config{
		Name:      "JavaScript",
		Aliases:   []string{"js", "javascript"},
		Filenames: []string{"*.js", "*.mjs", "*.cjs"},
		MimeTypes: []string{"application/javascript"},
	}
}

// jsRules is the JavaScript grammar as chroma states.
//
// The one real ambiguity in lexing JS is "/": after something that ends an operand (a
// name, a literal, ")" or "]") it divides; anywhere else it starts a regular expression.
// Every operand-ending rule pushes "div", which lexes at most one "/" or "/=" as an
// operator and otherwise pops without consuming, so "root" can always read "/" as the start
// of a regex literal.
//
// Template literals push "template"; each "${" pushes "interp", whose braces push "brace"
// so that only the "}" matching the "${" ends the substitution. Braces in "root" push
// nothing: a stray "}" in a fragment of a script (the editor lexes line ranges) must not pop
// the lexer out of its root state.
func jsRules() c.Rules {
	return c.Rules{
		"root": {
			c.Include("fast"),
			c.Include("common"),
			r(`/(?![*/])(?:\\[^\n]|\[(?:\\[^\n]|[^\]\\\n])*\]|[^/\\\n\[])+/[a-z]*`, c.LiteralStringRegex, c.Push("div")),
			// Here a "/" can only start a regex, so one with no closing "/" on its line is a
			// regex still being typed: like an unterminated string it colours the rest of its
			// line. Consuming the line also keeps lexing linear: trying the regex again at every
			// later "/" of a long line would rescan the line each time.
			r(`/[^\n]*`, c.LiteralStringRegex, nil),
			c.Include("code"),
		},
		// The commonest tokens, tried first because chroma tries rules in order and each
		// failed attempt costs a regexp run.
		"fast": {
			r(`\s+`, c.Text, nil),
			r(ident, c.EmitterFunc(emitWord), c.MutatorFunc(mutateWord)),
			r(`[(;,{}\[]`, c.Punctuation, nil),
			r(`[)\]]`, c.Punctuation, c.Push("div")),
			r(`\.\.\.`, c.Operator, nil),
			// After "." or "?." comes a property name, whatever it is spelt like
			// (map.delete, opts.default, this.#count).
			r(`\.(?!\d)`, c.Punctuation, c.Push("prop")),
		},
		"common": {
			r(`\s+`, c.Text, nil),
			r(`#![^\n]*`, c.CommentHashbang, nil),
			r(`//[^\n]*`, c.CommentSingle, nil),
			// An unterminated block comment runs to the end of the input, as in JS.
			r(`/\*[\s\S]*?(?:\*/|\z)`, c.CommentMultiline, nil),
		},
		"div": {
			// Anything but space, a comment or "/" ends the operand: pop before trying more.
			r(`(?=[^\s/#])`, nil, c.Pop(1)),
			c.Include("common"),
			r(`/=?`, c.Operator, c.Pop(1)),
			c.Default(c.Pop(1)),
		},
		"code": {
			r(`\?\.(?!\d)`, c.Operator, c.Push("prop")),
			// Strings end at an unescaped newline even when unterminated, so a missing quote
			// colours one line rather than the rest of the file.
			r(`'(?:\\[\s\S]|[^'\\\n])*'?`, c.LiteralStringSingle, c.Push("div")),
			r(`"(?:\\[\s\S]|[^"\\\n])*"?`, c.LiteralStringDouble, c.Push("div")),
			r("`", c.LiteralStringBacktick, c.Push("template")),
			r(`0[xX][\da-fA-F](?:_?[\da-fA-F])*n?`, c.LiteralNumberHex, c.Push("div")),
			r(`0[bB][01](?:_?[01])*n?`, c.LiteralNumberBin, c.Push("div")),
			r(`0[oO][0-7](?:_?[0-7])*n?`, c.LiteralNumberOct, c.Push("div")),
			r(`(?:`+digits+`\.(?:`+digits+`)?|\.`+digits+`)`+exponent+`?|`+digits+exponent, c.LiteralNumberFloat, c.Push("div")),
			r(digits+`n?`, c.LiteralNumberInteger, c.Push("div")),
			r(`#`+ident, c.NameOther, c.Push("div")),
			// "=>" is punctuation, as in chroma's own lexer, so colours stay as users know them.
			r(`=>`, c.Punctuation, nil),
			r(`\+\+|--`, c.Operator, c.Push("div")),
			r(`\?\?=?|={1,3}|!={0,2}|<<=?|>>>?=?|<=?|>=?|\*\*=?|&&=?|\|\|=?|[-+*%&|^]=?|[~?:]`, c.Operator, nil),
		},
		// The name after "function" or "class", if there is one.
		"fname": {
			r(`\s+`, c.Text, nil),
			r(`\*`, c.Operator, nil),
			r(ident, c.NameFunction, c.Pop(1)),
			c.Default(c.Pop(1)),
		},
		"cname": {
			r(`\s+`, c.Text, nil),
			r(`(?!extends`+identEnd+`)`+ident, c.NameClass, c.Pop(1)),
			c.Default(c.Pop(1)),
		},
		"prop": {
			c.Include("common"),
			r(`#?`+ident, c.NameOther, c.Mutators(c.Pop(1), c.Push("div"))),
			c.Default(c.Pop(1)),
		},
		"template": {
			r("`", c.LiteralStringBacktick, c.Mutators(c.Pop(1), c.Push("div"))),
			r(`\\[\s\S]`, c.LiteralStringEscape, nil),
			r(`\$\{`, c.LiteralStringInterpol, c.Push("interp")),
			r("[^`\\\\$]+", c.LiteralStringBacktick, nil),
			r(`\$`, c.LiteralStringBacktick, nil),
		},
		"interp": {
			r(`\}`, c.LiteralStringInterpol, c.Pop(1)),
			r(`\{`, c.Punctuation, c.Push("brace")),
			c.Include("root"),
		},
		"brace": {
			r(`\}`, c.Punctuation, c.Pop(1)),
			r(`\{`, c.Punctuation, c.Push("brace")),
			c.Include("root"),
		},
	}
}

func jsonConfig() *c.Config {
	return &c.Config{
		Name:      "JSON",
		Aliases:   []string{"json"},
		Filenames: []string{"*.json"},
		MimeTypes: []string{"application/json"},
	}
}

// jsonRules needs no states: a key is a string followed by a colon, which a look-ahead
// sees, so any slice of a document lexes the same as it would in place.
func jsonRules() c.Rules {
	return c.Rules{
		"root": {
			r(`\s+`, c.Text, nil),
			r(`"(?:\\[^\n]|[^"\\\n])*"(?=\s*:)`, c.NameTag, nil),
			r(`"(?:\\[^\n]|[^"\\\n])*"?`, c.LiteralStringDouble, nil),
			r(`-?(?:0|[1-9]\d*)(?:\.\d+`+`(?:[eE][+-]?\d+)?|[eE][+-]?\d+)`, c.LiteralNumberFloat, nil),
			r(`-?(?:0|[1-9]\d*)`, c.LiteralNumberInteger, nil),
			r(`(?:true|false|null)\b`, c.KeywordConstant, nil),
			r(`[{}\[\],:]`, c.Punctuation, nil),
			// JSON has no comments, but hand-written payloads sometimes do (JSONC).
			r(`//[^\n]*`, c.CommentSingle, nil),
		},
	}
}

// r builds one rule; vet wants chroma.Rule's fields keyed, which would triple the tables.
func r(pattern string, typ c.Emitter, mutator c.Mutator) c.Rule {
	return c.Rule{Pattern: pattern, Type: typ, Mutator: mutator}
}

// wordType classifies a name. A switch on strings compiles to a binary search, and unlike
// a map it is immutable.
func wordType(w string) c.TokenType {
	switch w {
	case "var", "let", "const", "function", "class":
		return c.KeywordDeclaration
	case "true", "false", "null", "undefined", "NaN", "Infinity":
		return c.KeywordConstant
	case "this", "super":
		return c.KeywordPseudo
	case "await", "break", "case", "catch", "continue", "debugger", "default", "delete", "do",
		"else", "export", "extends", "finally", "for", "if", "import", "instanceof", "in", "new",
		"of", "return", "switch", "throw", "try", "typeof", "void", "while", "with", "yield",
		"async", "static":
		return c.Keyword
	case "enum", "implements", "interface", "package", "private", "protected", "public":
		return c.KeywordReserved
	case "Array", "ArrayBuffer", "BigInt", "Boolean", "DataView", "Date", "Error", "EvalError",
		"Function", "Intl", "JSON", "Map", "Math", "Number", "Object", "Promise", "Proxy",
		"RangeError", "ReferenceError", "Reflect", "RegExp", "Set", "String", "Symbol",
		"SyntaxError", "TypeError", "URIError", "URL", "URLSearchParams", "Uint8Array", "WeakMap",
		"WeakSet", "decodeURI", "decodeURIComponent", "encodeURI", "encodeURIComponent", "eval",
		"globalThis", "isFinite", "isNaN", "parseFloat", "parseInt", "document", "window":
		return c.NameBuiltin
	}
	return c.NameOther
}

// emitWord emits a name with its wordType.
func emitWord(groups []string, _ *c.LexerState) c.Iterator {
	return c.Literator(c.Token{Type: wordType(groups[0]), Value: groups[0]})
}

// mutateWord pushes "div" after a name that ends an operand (so a following "/" divides),
// and the declared-name states after "function" and "class". Keywords such as return or
// typeof push nothing: a "/" after them starts a regex.
func mutateWord(s *c.LexerState) error {
	switch w := s.Groups[0]; w {
	case "function":
		s.Stack = append(s.Stack, "fname")
	case "class":
		s.Stack = append(s.Stack, "cname")
	default:
		switch t := wordType(w); {
		case t == c.NameOther, t == c.NameBuiltin, t == c.KeywordConstant, t == c.KeywordPseudo:
			s.Stack = append(s.Stack, "div")
		}
	}
	return nil
}
