package nodelib

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/parser"
)

// UnsupportedError reports a construct goja accepts but would run differently from Node
// without any error of its own. Hooks must fail loudly there rather than answer wrongly.
type UnsupportedError struct {
	Feature string // e.g. `\p{…}`
	Message string
	Offset  int // 0-based byte offset of the construct in the script
}

func (e *UnsupportedError) Error() string { return e.Message }

// Line and column (1-based) of the construct in src.
func (e *UnsupportedError) Position(src string) (line, col int) {
	if e.Offset > len(src) {
		return 0, 0
	}
	before := src[:e.Offset]
	line = strings.Count(before, "\n") + 1
	col = len(before) - strings.LastIndexByte(before, '\n')
	return line, col
}

// CheckScript looks for constructs goja silently gets wrong: Unicode property escapes
// (\p{…}, \P{…}) in regular expressions with the u flag, which goja reads as the letters
// "p{…}" and so never match. It parses the script, so call it once per compiled script, not
// per run; it returns nil for scripts that do not parse (the compiler reports those).
func CheckScript(src string) *UnsupportedError {
	if !strings.Contains(src, `\p{`) && !strings.Contains(src, `\P{`) {
		return nil
	}
	// Hook scripts may `return function …` at top level or be a bare function expression.
	for _, w := range [][2]string{{"(function(){", "\n})"}, {"(", "\n)"}, {"", ""}} {
		prog, err := parser.ParseFile(nil, "", w[0]+src+w[1], 0)
		if err != nil {
			continue
		}
		var found *UnsupportedError
		walkAST(reflect.ValueOf(prog), func(n any) {
			if found == nil {
				if off, ok := unicodePropertyRegexp(n); ok {
					off -= len(w[0])
					found = &UnsupportedError{
						Feature: `\p{…}`,
						Offset:  off,
						Message: "Unicode property escapes (\\p{…}) in regular expressions are not supported by hookterm's JavaScript engine: " +
							"this regular expression would silently never match. Use explicit character ranges instead (e.g. [A-Za-zÀ-ÖØ-öø-ÿ]).",
					}
				}
			}
		})
		return found
	}
	return nil
}

// unicodePropertyRegexp reports a /…\p{…}…/u literal or a RegExp('…\\p{…}…', 'u') call with
// literal arguments, and its 0-based offset in the parsed source.
func unicodePropertyRegexp(n any) (int, bool) {
	switch x := n.(type) {
	case *ast.RegExpLiteral:
		if strings.ContainsAny(x.Flags, "uv") && hasPropertyEscape(x.Pattern) {
			return int(x.Idx) - 1, true
		}
	case *ast.NewExpression:
		return regexpCall(x.Callee, x.ArgumentList, int(x.New)-1)
	case *ast.CallExpression:
		return regexpCall(x.Callee, x.ArgumentList, int(x.Callee.Idx0())-1)
	}
	return 0, false
}

func regexpCall(callee ast.Expression, args []ast.Expression, off int) (int, bool) {
	id, ok := callee.(*ast.Identifier)
	if !ok || id.Name != "RegExp" || len(args) < 2 {
		return 0, false
	}
	pat, ok1 := args[0].(*ast.StringLiteral)
	flags, ok2 := args[1].(*ast.StringLiteral)
	if ok1 && ok2 && strings.ContainsAny(flags.Value.String(), "uv") && hasPropertyEscape(pat.Value.String()) {
		return off, true
	}
	return 0, false
}

// hasPropertyEscape finds an unescaped \p{ or \P{ in a pattern.
func hasPropertyEscape(p string) bool {
	for i := 0; i+2 < len(p); i++ {
		if p[i] != '\\' {
			continue
		}
		if (p[i+1] == 'p' || p[i+1] == 'P') && p[i+2] == '{' {
			return true
		}
		i++ // skip the escaped character
	}
	return false
}

var astPkg = reflect.TypeOf(ast.Program{}).PkgPath()

// walkAST visits every AST node pointer reachable from v (goja's ast has no walker).
func walkAST(v reflect.Value, visit func(any)) {
	switch v.Kind() {
	case reflect.Interface:
		if !v.IsNil() {
			walkAST(v.Elem(), visit)
		}
	case reflect.Ptr:
		if v.IsNil() || v.Elem().Kind() != reflect.Struct || v.Elem().Type().PkgPath() != astPkg {
			return
		}
		visit(v.Interface())
		walkAST(v.Elem(), visit)
	case reflect.Struct:
		if v.Type().PkgPath() != astPkg {
			return
		}
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				walkAST(v.Field(i), visit)
			}
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			walkAST(v.Index(i), visit)
		}
	}
}

var (
	gojaReadProperty  = lazyRegexp(`^Cannot read property '(.*)' of (undefined|null)(?: or null)?$`)
	gojaSetProperty   = lazyRegexp(`^Cannot set property '(.*)' of (undefined|null)$`)
	gojaBigIntConvert = lazyRegexp(`^Cannot convert (-?[0-9.e+]+) to a BigInt$`)
)

// IntlMessage is the message V8Message gives the ReferenceError of a script using Intl.
const IntlMessage = "Intl is not defined: hookterm's runner does not support Intl (toLocaleString in en-US works)"

// V8Message rewrites goja's wording of the common engine TypeErrors into V8's (Node's), so
// that error messages in reports read as they would at Auth0. Other messages are returned
// unchanged. goja's "of undefined or null" (a method called on a missing value) becomes
// V8's "of undefined", by far the common case in hooks.
func V8Message(msg string) string {
	if m := gojaReadProperty().FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("Cannot read properties of %s (reading '%s')", m[2], m[1])
	}
	if m := gojaSetProperty().FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("Cannot set properties of %s (setting '%s')", m[2], m[1])
	}
	if m := gojaBigIntConvert().FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("The number %s cannot be converted to a BigInt because it is not an integer", m[1])
	}
	switch msg {
	case "Malformed URI":
		return "URI malformed"
	case "No initial value":
		return "Reduce of empty array with no initial value"
	case "Intl is not defined":
		// Not V8's (Node has Intl): hookterm's runner has none, and says so. The global stays
		// undefined so that feature detection (typeof Intl === 'undefined') keeps working.
		return IntlMessage
	}
	return msg
}
