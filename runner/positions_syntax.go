package runner

import (
	"reflect"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/file"
	"github.com/dop251/goja/parser"
)

// V8's wording of the syntax errors whose goja wording differs, checked with `node --check`
// on Node 20 (see TestSyntaxErrorsAsV8ReportsThem).
const (
	v8InvalidToken = "Invalid or unexpected token"
	v8EndOfInput   = "Unexpected end of input"
	v8AwaitOutside = "await is only valid in async functions and the top level bodies of modules"
	v8MissingParen = "missing ) after argument list"
)

// v8SyntaxError rewords goja's syntax error message msg, at line and byte column col of
// script, as V8 reports the same error, and moves the position where goja's differs from
// V8's. Messages it does not recognise are returned as they are.
func v8SyntaxError(msg, script string, line, col int) (string, int, int) {
	text, ok := lineText(script, line)
	if !ok || col < 1 {
		return msg, line, col
	}
	i := min(col-1, len(text))
	if startsOperand(msg) {
		// goja reads `await` in a function that is not async as an identifier and stumbles on
		// the operand that follows it; V8 names the real problem, at the await. (In an async
		// function an operand after await is valid, so this error cannot come from one.)
		if j, ok := awaitBefore(text, i); ok {
			return v8AwaitOutside, line, j + 1
		}
	}
	if strings.HasPrefix(text[i:], "/") {
		if v8, ok := v8RegexpError(msg, text[i:]); ok {
			return v8, line, col
		}
	}
	switch {
	case msg == "Unexpected token ILLEGAL":
		return v8InvalidToken, line, col
	case msg == "Unexpected identifier":
		if name := identifierAt(text[i:]); name != "" {
			return "Unexpected identifier '" + name + "'", line, col
		}
	case msg == "Illegal continue statement":
		// goja points at `continue`; V8 at its label, which it names.
		if label, at := jumpLabel(text, i); label != "" {
			return msg + ": '" + label + "' does not denote an iteration statement", line, at + 1
		}
		return msg + ": no surrounding iteration statement", line, col
	case strings.HasPrefix(msg, "Undefined label '"):
		if label, at := jumpLabel(text, i); label != "" {
			return msg, line, at + 1
		}
	case strings.HasPrefix(msg, "Unexpected token "):
		tok := strings.TrimPrefix(msg, "Unexpected token ")
		if !strings.HasPrefix(text[i:], tok) {
			// goja points past some tokens (the second comma of `{a: 1,,}`): V8 points at
			// the token itself, which then ends the text before goja's position.
			if before := strings.TrimRight(text[:i], " \t"); strings.HasSuffix(before, tok) {
				i = len(before) - len(tok)
			}
		}
		return "Unexpected token '" + tok + "'", line, i + 1
	}
	return msg, line, col
}

// jumpLabel returns the label of the `break` or `continue` at byte offset i of text, and
// the label's offset ("" when it has none).
func jumpLabel(text string, i int) (string, int) {
	kw := identifierAt(text[i:])
	if kw != "break" && kw != "continue" {
		return "", 0
	}
	rest := text[i+len(kw):]
	trimmed := strings.TrimLeft(rest, " \t")
	if len(trimmed) == len(rest) {
		return "", 0
	}
	at := len(text) - len(trimmed)
	return identifierAt(trimmed), at
}

// startsOperand reports whether msg is goja's complaint about a token that can start an
// expression operand: an identifier, a literal or a keyword.
func startsOperand(msg string) bool {
	switch msg {
	case "Unexpected identifier", "Unexpected number", "Unexpected string", "Unexpected reserved word":
		return true
	}
	tok, ok := strings.CutPrefix(msg, "Unexpected token ")
	return ok && tok != "" && strings.IndexFunc(tok, func(r rune) bool { return r < 'a' || r > 'z' }) < 0
}

// awaitBefore reports whether the token before byte offset i of text is the word `await`,
// and where that word starts.
func awaitBefore(text string, i int) (int, bool) {
	before := strings.TrimRight(text[:i], " \t")
	if !strings.HasSuffix(before, "await") {
		return 0, false
	}
	j := len(before) - len("await")
	if j > 0 {
		if r, _ := utf8.DecodeLastRuneInString(before[:j]); isIdentifierRune(r) {
			return 0, false
		}
	}
	return j, true
}

// identifierAt returns the identifier s starts with ("" if none).
func identifierAt(s string) string {
	end := 0
	for k, r := range s {
		if !isIdentifierRune(r) {
			break
		}
		end = k + utf8.RuneLen(r)
	}
	return s[:end]
}

func isIdentifierRune(r rune) bool {
	return r == '_' || r == '$' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
}

// tailSyntaxError explains an error the parser found in the wrapper's closing line
// (wrapperTail): either the script closed the wrapper's function with a `}` of its own, or
// it left a brace, bracket or parenthesis open. It returns V8's message, its position
// (line, byte column) in the script, and whether the script has a '}' too many.
func tailSyntaxError(msg, head, script string) (string, int, int, bool) {
	if off, ok := wrapperClosedAt(head, script); ok {
		return "Unexpected token '}'", lineOf(script, off), columnOf(script, off), true
	}
	line, col := endOfScript(script)
	if msg == "Unexpected token ILLEGAL" {
		msg = v8InvalidToken
	} else {
		// V8 parses the script alone and runs out of input where hookterm's parser met the
		// wrapper's `})`.
		msg = v8EndOfInput
	}
	return msg, line, col, false
}

// closedWrapperBefore looks at the token before byte offset off of script, where the parser
// failed: when it is a `}` that closed the wrapper's function (the script has one `}` too
// many), V8 — which parses the script without a wrapper — fails at that `}`; its byte
// offset is returned.
func closedWrapperBefore(head, script string, off int) (int, bool) {
	before := strings.TrimRight(script[:min(off, len(script))], " \t\r\n")
	if !strings.HasSuffix(before, "}") {
		return 0, false
	}
	return wrapperClosedAt(head, before)
}

// wrapperClosedAt reports whether script, wrapped without the wrapper's closing brace,
// parses: then a `}` of the script closed the wrapper's function, and its byte offset in
// the script is returned.
func wrapperClosedAt(head, script string) (int, bool) {
	prg, err := parser.ParseFile(nil, "", head+script+"\n)", 0, parser.WithDisableSourceMaps)
	if err != nil || len(prg.Body) != 1 {
		return 0, false
	}
	stmt, ok := prg.Body[0].(*ast.ExpressionStatement)
	if !ok {
		return 0, false
	}
	fn, ok := stmt.Expression.(*ast.FunctionLiteral)
	if !ok || fn.Body == nil {
		return 0, false
	}
	off := int(fn.Body.RightBrace) - 1 - len(head) // Idx is 1-based
	if off < 0 || off >= len(script) || script[off] != '}' {
		return 0, false
	}
	return off, true
}

// missingCallParen reports whether the parser failed, at byte offset off of script, inside
// the argument list of a call or a `new`, where V8 says "missing ) after argument list" (at
// the token before off, the end of the last argument, whose byte offset is returned). That
// is when the script parses with a `)` put at off that closes a call's arguments (the `)`
// was forgotten), or with a `,` put there between two of a call's arguments (the comma was).
func missingCallParen(head, script string, off int) (int, bool) {
	if off < 0 || off > len(script) {
		return 0, false
	}
	// Only after an argument: `foo(` and `foo(1,` are V8's plain unexpected tokens.
	before := strings.TrimRight(script[:off], " \t\r\n")
	if before == "" || strings.HasSuffix(before, "(") || strings.HasSuffix(before, ",") {
		return 0, false
	}
	// A forgotten comma only shows where another argument starts.
	comma := off < len(script) && strings.ContainsAny(script[off:off+1], "\"'`{[(!~+-/") ||
		off < len(script) && isIdentifierRune(rune(script[off])) || off < len(script) && script[off] >= 0x80
	if !repairedCall(head, script, off, ")") && !(comma && repairedCall(head, script, off, ",")) {
		return 0, false
	}
	return previousTokenStart(script, off)
}

// repairedCall reports whether script with fix inserted at byte offset off parses, the
// inserted `)` closing a call's arguments or the inserted `,` separating two of them.
func repairedCall(head, script string, off int, fix string) bool {
	// What follows the error does not change V8's message, and may hold other errors or
	// leave braces open: if the whole script does not parse repaired, its beginning, closed
	// by one to three braces, is tried.
	prg, err := parser.ParseFile(nil, "", head+script[:off]+fix+script[off:]+wrapperTail, 0, parser.WithDisableSourceMaps)
	for closers := "\n}"; err != nil && len(closers) <= len("\n}}}"); closers += "}" {
		prg, err = parser.ParseFile(nil, "", head+script[:off]+fix+closers+wrapperTail, 0, parser.WithDisableSourceMaps)
	}
	if err != nil {
		return false
	}
	at := file.Idx(len(head) + off + 1) // the inserted character as a 1-based Idx
	found := false
	check := func(left, right file.Idx, args []ast.Expression) {
		if fix == ")" {
			// With no argument before it, V8 complains about the token itself.
			found = found || (right == at && len(args) > 0)
			return
		}
		if left >= at || right <= at {
			return
		}
		for _, a := range args {
			if a.Idx0() <= at && at < a.Idx1() {
				return // the comma is inside an argument
			}
		}
		found = true
	}
	walkNodes(reflect.ValueOf(prg), func(n any) {
		switch n := n.(type) {
		case *ast.CallExpression:
			check(n.LeftParenthesis, n.RightParenthesis, n.ArgumentList)
		case *ast.NewExpression:
			check(n.LeftParenthesis, n.RightParenthesis, n.ArgumentList)
		}
	})
	return found
}

// previousTokenStart finds the start of the token that ends before byte offset off of
// script (blanks and line breaks skipped): a name or number, a quoted string or template,
// or one punctuation character.
func previousTokenStart(script string, off int) (int, bool) {
	before := strings.TrimRight(script[:off], " \t\r\n")
	if before == "" {
		return 0, false
	}
	end := len(before)
	switch q := before[end-1]; q {
	case '"', '\'', '`':
		for k := end - 2; k >= 0; k-- {
			if before[k] == q && (k == 0 || before[k-1] != '\\') {
				return k, true
			}
		}
		return 0, false
	}
	j := end
	for j > 0 {
		r, size := utf8.DecodeLastRuneInString(before[:j])
		if !isIdentifierRune(r) && r != '.' {
			break
		}
		j -= size
	}
	if j < end {
		// A name or a number; `a.bar` is two tokens, `1.5` one.
		if k := strings.LastIndexByte(before[j:end], '.'); k >= 0 && !(before[j] >= '0' && before[j] <= '9') {
			j += k + 1
		}
		return j, j < end
	}
	return end - 1, true
}

// walkNodes calls visit with every node (pointer to an AST struct) under v.
func walkNodes(v reflect.Value, visit func(any)) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return
		}
		if v.Elem().Kind() == reflect.Struct {
			visit(v.Interface())
		}
		walkNodes(v.Elem(), visit)
	case reflect.Interface:
		if !v.IsNil() {
			walkNodes(v.Elem(), visit)
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			walkNodes(v.Index(i), visit)
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			if t.Field(i).IsExported() && t.Field(i).Name != "DeclarationList" {
				walkNodes(v.Field(i), visit)
			}
		}
	}
}

// goja's reasons for refusing a regular expression literal that V8 words the same way
// (goja's own parser), and V8's words for those of Go's regexp/syntax (goja's re2 and
// regexp2 back ends).
var (
	regexpSameReasons = [...]string{"Unterminated group", "Unmatched ')'", "Invalid group", "Unterminated character class", "Invalid Unicode escape"}
	regexpGoReasons   = [...][2]string{
		{"missing argument to repetition operator", "Nothing to repeat"},
		{"invalid nested repetition operator", "Nothing to repeat"},
		{"invalid character class range", "Range out of order in character class"},
	}
)

// v8RegexpError rewords goja's error for the regular expression literal that src starts
// with as V8's "Invalid regular expression: /…/flags: reason".
func v8RegexpError(msg, src string) (string, bool) {
	lit, ok := regexpLiteral(src)
	if !ok {
		return "", false
	}
	if strings.HasPrefix(msg, "Invalid flags supplied to RegExp constructor") {
		return "Invalid regular expression flags", true
	}
	reason := ""
	for _, r := range regexpSameReasons {
		if msg == r {
			reason = r
		}
	}
	if strings.HasPrefix(msg, "Invalid regular expression (") {
		for _, r := range regexpGoReasons {
			if strings.Contains(msg, r[0]) {
				reason = r[1]
				break
			}
		}
	}
	if reason == "" {
		return "", false
	}
	return "Invalid regular expression: " + lit + ": " + reason, true
}

// regexpLiteral returns the regular expression literal src starts with, flags included:
// up to the first '/' that is neither escaped nor inside a character class.
func regexpLiteral(src string) (string, bool) {
	inClass := false
	for k := 1; k < len(src); k++ {
		switch c := src[k]; {
		case c == '\\':
			k++
		case c == '\n' || c == '\r':
			return "", false
		case c == '[':
			inClass = true
		case c == ']':
			inClass = false
		case c == '/' && !inClass:
			end := k + 1
			for end < len(src) && (src[end] >= 'a' && src[end] <= 'z' || src[end] >= 'A' && src[end] <= 'Z') {
				end++
			}
			return src[:end], true
		}
	}
	return "", false
}
