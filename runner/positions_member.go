package runner

import (
	"reflect"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/token"

	"github.com/hookterm/hookterm/runner/nodelib"
)

// goja's TypeErrors for a member of undefined or null name neither the value nor (for a
// call) V8's position: "Cannot read property 'bar' of undefined or null" at the object of
// `o.bar()`, "… of undefined" for null too, "Cannot convert undefined or null to object" for
// `o.x = 1`. V8 says "of null" or "of undefined", and points at the property (at the `=` for
// an assignment). The value is lost once goja has thrown, so it is read from the source: the
// literal `null`, or an identifier whose only binding in the script is `const NAME = null`
// (a const cannot change; any other binding, parameter or assignment of the name keeps the
// answer "undefined"). Everything else stays "undefined", V8's word for the common case.

var (
	gojaCalleeOfNullish = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^Cannot read property '(.*)' of undefined or null$`)
	})
	gojaReadOfUndefined = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^Cannot read property '(.*)' of undefined$`)
	})
)

const gojaConvertNullish = "Cannot convert undefined or null to object"

// memberOfNullish rewrites goja's message msg, raised at line and UTF-16 column col of
// script, into goja's own wording with the right value ("of null" / "of undefined", which
// nodelib then turns into V8's), and returns V8's column for it. Other messages are returned
// unchanged.
func memberOfNullish(script, msg string, line, col int) (string, int) {
	text, ok := lineText(script, line)
	if !ok || col < 1 {
		return msg, col
	}
	i := ColumnByteOffset(text, col)
	if m := gojaCalleeOfNullish().FindStringSubmatch(msg); m != nil {
		// `o.bar()`: goja points at the object, V8 at the property.
		obj := identifierAt(text[i:])
		word := "undefined"
		if obj != "" && !endsWithMemberAccess(text[:i]) {
			word = nullishValue(script, obj)
		}
		msg = "Cannot read property '" + m[1] + "' of " + word
		rest, ok := cutAccessor(strings.TrimLeft(text[i+len(obj):], " \t"))
		if obj == "" || !ok || !strings.HasPrefix(rest, m[1]) {
			return msg, col
		}
		return msg, nodelib.UTF16Len(text[:len(text)-len(rest)]) + 1
	}
	if m := gojaReadOfUndefined().FindStringSubmatch(msg); m != nil {
		// `o.x` (goja points at x) or `o[k]` (at the bracket), as V8 does.
		before := strings.TrimRight(text[:i], " \t")
		if !strings.HasPrefix(text[i:], "[") {
			var ok bool
			if before, ok = cutAccessorSuffix(before); !ok {
				return msg, col
			}
		}
		if obj := identifierBefore(before); obj != "" {
			return "Cannot read property '" + m[1] + "' of " + nullishValue(script, obj), col
		}
		return msg, col
	}
	if msg == gojaConvertNullish {
		// `o.x = 1`: goja points at x, V8 at the `=`.
		prop := identifierAt(text[i:])
		rest := strings.TrimLeft(text[i+len(prop):], " \t")
		if prop == "" || !strings.HasPrefix(rest, "=") || strings.HasPrefix(rest, "==") || strings.HasPrefix(rest, "=>") {
			return msg, col
		}
		before, ok := cutAccessorSuffix(strings.TrimRight(text[:i], " \t"))
		if !ok {
			return msg, col
		}
		word := "undefined"
		if obj := identifierBefore(before); obj != "" {
			word = nullishValue(script, obj)
		}
		p := len(text) - len(rest)
		return "Cannot set property '" + prop + "' of " + word, nodelib.UTF16Len(text[:p]) + 1
	}
	return msg, col
}

// cutAccessor removes a leading `.` or `?.` and the blanks after it.
func cutAccessor(s string) (string, bool) {
	for _, a := range []string{"?.", "."} {
		if r, ok := strings.CutPrefix(s, a); ok {
			return strings.TrimLeft(r, " \t"), true
		}
	}
	return s, false
}

// cutAccessorSuffix removes a trailing `.` or `?.` and the blanks before it.
func cutAccessorSuffix(s string) (string, bool) {
	for _, a := range []string{"?.", "."} {
		if r, ok := strings.CutSuffix(s, a); ok {
			return strings.TrimRight(r, " \t"), true
		}
	}
	return s, false
}

// endsWithMemberAccess reports whether s ends with an accessor: then the identifier after it
// is a property, not a whole object expression.
func endsWithMemberAccess(s string) bool {
	_, ok := cutAccessorSuffix(strings.TrimRight(s, " \t"))
	return ok
}

// identifierBefore returns the identifier s ends with when it is a whole expression (not
// the property of a member access, not a call or an index); "" otherwise.
func identifierBefore(s string) string {
	j := len(s)
	for j > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:j])
		if !isIdentifierRune(r) {
			break
		}
		j -= size
	}
	id := s[j:]
	if id == "" || endsWithMemberAccess(s[:j]) || (id[0] >= '0' && id[0] <= '9') {
		return ""
	}
	return id
}

// nullishValue says whether the expression obj (an identifier or the literal null) is null or
// undefined, where the source proves it; "undefined" otherwise.
func nullishValue(script, obj string) string {
	switch obj {
	case "null":
		return "null"
	case "undefined":
		return "undefined"
	}
	prg, _, _, err := parseWrapped(script)
	if err != nil {
		return "undefined"
	}
	s := bindingScan{name: obj}
	s.walk(reflect.ValueOf(prg), false)
	if s.bindings == 1 && s.constNull && !s.with {
		return "null"
	}
	return "undefined"
}

// bindingScan counts the places in a program that bind or assign name.
type bindingScan struct {
	name      string
	bindings  int  // declarations, parameters, assignment targets of name
	constNull bool // one of them is `const name = null`
	with      bool // a with statement makes any name's binding unknowable
}

func (s *bindingScan) walk(v reflect.Value, binding bool) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			s.walk(v.Elem(), binding)
		}
		return
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			s.walk(v.Index(i), binding)
		}
		return
	case reflect.Struct:
	default:
		return
	}
	if !v.CanAddr() {
		// Reached through a value, not a pointer: copy so that fields can be read alike.
		c := reflect.New(v.Type()).Elem()
		c.Set(v)
		v = c
	}
	switch n := v.Addr().Interface().(type) {
	case *ast.Identifier:
		if binding && n.Name.String() == s.name {
			s.bindings++
		}
		return
	case *ast.WithStatement:
		s.with = true
	case *ast.LexicalDeclaration:
		if n.Token == token.CONST {
			for _, b := range n.List {
				if id, ok := b.Target.(*ast.Identifier); ok && id.Name.String() == s.name {
					if _, isNull := b.Initializer.(*ast.NullLiteral); isNull {
						s.constNull = true
					}
				}
			}
		}
	case *ast.ParameterList:
		binding = true
	}
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() || f.Name == "DeclarationList" {
			// DeclarationList repeats the var declarations of a function's body.
			continue
		}
		b := binding
		switch v.Addr().Interface().(type) {
		case *ast.Binding:
			b = f.Name == "Target"
		case *ast.FunctionLiteral, *ast.ClassLiteral:
			b = binding || f.Name == "Name"
		case *ast.CatchStatement:
			b = f.Name == "Parameter"
		case *ast.ForDeclaration:
			b = f.Name == "Target"
		case *ast.AssignExpression:
			b = f.Name == "Left"
		case *ast.DotExpression, *ast.BracketExpression:
			// `o.x = 1` assigns a property of o, not o.
			b = false
		case *ast.UnaryExpression:
			op := v.Addr().Interface().(*ast.UnaryExpression).Operator
			b = binding || (f.Name == "Operand" && (op == token.INCREMENT || op == token.DECREMENT))
		}
		s.walk(v.Field(i), b)
	}
}

// calleeColumn moves the position of a failed call from its `(` (goja's) to the start of the
// callee's last name (V8's: `s.foo()` at foo, `f()` at f). Other positions are kept.
func calleeColumn(script string, line, col int) int {
	text, ok := lineText(script, line)
	if !ok || col < 1 {
		return col
	}
	i := ColumnByteOffset(text, col)
	if !strings.HasPrefix(text[i:], "(") {
		return col
	}
	before := strings.TrimRight(text[:i], " \t")
	j := len(before)
	for j > 0 {
		r, size := utf8.DecodeLastRuneInString(before[:j])
		if !isIdentifierRune(r) {
			break
		}
		j -= size
	}
	if j == len(before) {
		return col
	}
	return nodelib.UTF16Len(text[:j]) + 1
}
