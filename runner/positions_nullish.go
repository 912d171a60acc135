package runner

import (
	"encoding/json"
	"reflect"
	"strings"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/token"
)

// goja places an error at the last source position it recorded before the failing
// instruction (Program.sourceOffset). Some instructions record none: the literal `null`, a
// destructuring pattern, a for-of head, the `in` operator. When such a construct is the first
// thing a function runs, the position goja gives is the function's header (`function` at
// line 1, column 18 in the usual hook); its message is its own ("Value is not object
// coercible", "Cannot convert undefined or null to object", "Value is not an object: null").
//
// nullishConstruct finds the construct in the source and words the error as V8 does:
//   - at a function's header, the first construct of the kind the message names in that
//     function (nested functions excluded) is the one that failed, since any construct
//     compiled before it with a position would have moved goja's position there. It is used
//     only when its operand is the literal null and nothing conditional (if, loop, &&, ?:,
//     try…) lies between it and the function: otherwise the failing one is not known;
//   - elsewhere, a construct whose operand (an identifier, or a chain of names) starts at
//     goja's position gets V8's wording; the value of the operand comes from nullishValue's
//     or provablyNull's proof or stays "undefined", as for member reads.
//
// args and payload are the point's arguments and the request's payload, from which
// provablyNull tells a null property value. It returns V8's message and position (line and
// UTF-16 column), or ok false to keep goja's. For a member of the literal null (`null.f()`),
// only the position is moved (msg is returned unchanged) for memberOfNullish to word it.
func nullishConstruct(script, msg string, line, col int, args []string, payload json.RawMessage) (v8 string, newLine, newCol int, ok bool) {
	defer func() {
		// Reading the source must never turn a report into a crash of the worker.
		if recover() != nil {
			v8, newLine, newCol, ok = msg, line, col, false
		}
	}()
	kind := nullishKindOf(msg)
	if kind == kindNone {
		return msg, line, col, false
	}
	text, found := lineText(script, line)
	// 1:0 is the module wrapper's header, before the script's first character: the error is
	// in the script's top-level code.
	wrapper := line == 1 && col == 0
	if !found || (col < 1 && !wrapper) {
		return msg, line, col, false
	}
	prg, parsed, headLen, err := parseWrapped(script)
	if err != nil {
		return msg, line, col, false
	}
	// 1-based offsets in the parsed text, as the ast's file.Idx are.
	at := headLen + byteOffset(script, line, ColumnByteOffset(text, col)+1) + 1
	s := &constructScan{kind: kind, src: parsed, at: at, wrapper: wrapper}
	s.walk(reflect.ValueOf(prg), nil)
	pos := func(idx int) (int, int) {
		off := idx - 1 - headLen
		if off < 0 || off > len(script) {
			return 0, 0
		}
		l := lineOf(script, off)
		return l, utf16Column(script, l, columnOf(script, off))
	}
	var c *construct
	if s.header != nil {
		if s.header.first == nil || !s.header.first.nullLiteral || s.header.first.conditional {
			return msg, line, col, false
		}
		c = s.header.first
	} else if s.atP != nil && s.atP.what != cUnknown && s.atP.what != cMember {
		// goja's position is the construct's own: only the wording is goja's.
		c = s.atP
	} else {
		return msg, line, col, false
	}
	if c.what == cNew && !c.nullLiteral {
		// The callee must be the script's own name, not a built-in such as Promise.
		root, _, _ := strings.Cut(c.operand, ".")
		b := bindingScan{name: root}
		b.walk(reflect.ValueOf(prg), false)
		if b.bindings == 0 {
			return msg, line, col, false
		}
	}
	word := "null"
	if !c.nullLiteral && c.what == cObjectPattern {
		// V8 says which of null and undefined the value is; where the source and the data
		// cannot prove it, goja's wording stays (a wrong word would mislead) at V8's position.
		word = ""
		if !strings.Contains(c.operand, ".") {
			if v := nullishValue(script, c.operand); v == "null" || c.operand == "undefined" {
				word = v
			}
		} else if c.expr != nil {
			word = provenNullish(script, prg, c.expr, args, payload)
		}
	}
	l, k := pos(c.report)
	if l == 0 {
		return msg, line, col, false
	}
	if word == "" {
		return msg, l, k, true
	}
	switch c.what {
	case cObjectPattern:
		name := c.operand
		if c.nullLiteral {
			name = "null"
		}
		if c.property == "" {
			return "Cannot destructure '" + name + "' as it is " + word + ".", l, k, true
		}
		return "Cannot destructure property '" + c.property + "' of '" + name + "' as it is " + word + ".", l, k, true
	case cIterable:
		if c.nullLiteral {
			return "null is not iterable", l, k, true
		}
		return c.operand + " is not iterable", l, k, true
	case cIn:
		// goja's message names the value itself ("Value is not an object: null").
		v, isValue := strings.CutPrefix(msg, "Value is not an object: ")
		if !isValue {
			return msg, line, col, false
		}
		return "Cannot use 'in' operator to search for '" + c.property + "' in " + v, l, k, true
	case cNew:
		name := c.operand
		if c.nullLiteral {
			name = "null"
		}
		return name + " is not a constructor", l, k, true
	case cMember:
		if gojaCalleeOfNullish().MatchString(msg) {
			// memberOfNullish expects a failed call of a member at its object.
			if l, k = pos(c.start); l == 0 {
				return msg, line, col, false
			}
		}
		return msg, l, k, true
	}
	return msg, line, col, false
}

type nullishKind int

const (
	kindNone        nullishKind = iota
	kindCoercible               // "Value is not object coercible": object destructuring
	kindConvert                 // "Cannot convert undefined or null to object": array destructuring, for-of, spread, o.x = 1
	kindNotAnObject             // "Value is not an object: V": in, instanceof, new
	kindRead                    // "Cannot read property 'p' of …": a member read or call
)

func nullishKindOf(msg string) nullishKind {
	switch {
	case msg == "Value is not object coercible":
		return kindCoercible
	case msg == gojaConvertNullish:
		return kindConvert
	case strings.HasPrefix(msg, "Value is not an object: "), msg == "Value is not a constructor":
		return kindNotAnObject
	case strings.HasPrefix(msg, "Cannot read property '"):
		return kindRead
	}
	return kindNone
}

type constructWhat int

const (
	cUnknown constructWhat = iota // of the kind, but not one this file words
	cObjectPattern
	cIterable
	cIn
	cNew
	cMember
)

// construct is one place in the source that raises the message's kind of error.
type construct struct {
	what        constructWhat
	start       int            // offset (1-based) of the construct's operand, where goja records it
	report      int            // offset of V8's position for it
	nullLiteral bool           // the operand is the literal null
	operand     string         // the operand's source when it is a name or a chain of names
	expr        ast.Expression // that operand
	property    string         // the first destructured property, or the key searched by `in`
	conditional bool           // something conditional lies between it and its function
}

// function is a function literal being scanned.
type function struct {
	start int
	first *construct // the first construct of the kind in its own body
}

// constructScan walks the program for the constructs of one kind.
type constructScan struct {
	kind    nullishKind
	src     string // the parsed text
	at      int    // goja's position
	wrapper bool   // goja's position is the module wrapper's header
	fns     []*function
	header  *function  // the function whose header is at `at`
	atP     *construct // the construct whose operand starts at `at`
}

// isConditional reports whether code under node n may not run (or may run again) when n
// runs: a branch, a loop, a try, a label, a with.
func isConditional(n any) bool {
	switch x := n.(type) {
	case *ast.IfStatement, *ast.ConditionalExpression, *ast.ForStatement, *ast.ForInStatement,
		*ast.ForOfStatement, *ast.WhileStatement, *ast.DoWhileStatement, *ast.TryStatement,
		*ast.SwitchStatement, *ast.LabelledStatement, *ast.WithStatement, *ast.OptionalChain,
		*ast.Optional:
		return true
	case *ast.BinaryExpression:
		return x.Operator == token.LOGICAL_AND || x.Operator == token.LOGICAL_OR || x.Operator == token.COALESCE
	}
	return false
}

// walk visits v; path holds the ast nodes between the current function and v.
func (s *constructScan) walk(v reflect.Value, path []any) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			if v.Kind() == reflect.Pointer && v.Elem().Kind() == reflect.Struct && v.Elem().Type().PkgPath() == astPkgPath {
				s.node(v.Interface(), path)
				return
			}
			s.walk(v.Elem(), path)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			s.walk(v.Index(i), path)
		}
	case reflect.Struct:
		if v.Type().PkgPath() != astPkgPath {
			return
		}
		if v.CanAddr() {
			s.node(v.Addr().Interface(), path)
			return
		}
		c := reflect.New(v.Type())
		c.Elem().Set(v)
		s.node(c.Interface(), path)
	}
}

// astPkgPath is the package of goja's syntax tree, whose structs the walkers descend into.
const astPkgPath = "github.com/dop251/goja/ast"

func (s *constructScan) node(n any, path []any) {
	switch f := n.(type) {
	case *ast.FunctionLiteral:
		s.function(int(f.Function), n)
		return
	case *ast.ArrowFunctionLiteral:
		s.function(int(f.Start), n)
		return
	}
	s.consider(n, path)
	path = append(path, n)
	v := reflect.ValueOf(n).Elem()
	for i := 0; i < v.NumField(); i++ {
		if !v.Type().Field(i).IsExported() || v.Type().Field(i).Name == "DeclarationList" {
			continue
		}
		s.walk(v.Field(i), path)
	}
}

// function scans a function literal's parameters and body as a function of its own.
func (s *constructScan) function(start int, n any) {
	fn := &function{start: start}
	if (start == s.at && !s.wrapper) || (s.wrapper && len(s.fns) == 0) {
		s.header = fn
	}
	s.fns = append(s.fns, fn)
	v := reflect.ValueOf(n).Elem()
	for i := 0; i < v.NumField(); i++ {
		if !v.Type().Field(i).IsExported() || v.Type().Field(i).Name == "DeclarationList" {
			continue
		}
		s.walk(v.Field(i), []any{n})
	}
	s.fns = s.fns[:len(s.fns)-1]
}

// consider records n when it raises the scanned kind of error.
func (s *constructScan) consider(n any, path []any) {
	c := s.classify(n, path)
	if c == nil {
		return
	}
	if c.start == s.at && !s.wrapper && s.atP == nil {
		s.atP = c
	}
	if len(s.fns) == 0 {
		return
	}
	fn := s.fns[len(s.fns)-1]
	if fn.first != nil {
		return
	}
	for _, p := range path {
		if isConditional(p) {
			c.conditional = true
		}
		if _, ok := p.(*ast.ParameterList); ok {
			c.conditional = true // a parameter's operand is the argument, not in the source
		}
	}
	fn.first = c
}

func (s *constructScan) classify(n any, path []any) *construct {
	var parent any
	if len(path) > 0 {
		parent = path[len(path)-1]
	}
	switch s.kind {
	case kindCoercible:
		p, ok := n.(*ast.ObjectPattern)
		if !ok {
			return nil
		}
		c := &construct{what: cUnknown, report: int(p.LeftBrace)}
		if nestedPattern(p) {
			// The failing value may be the inner pattern's (n in {n: {x}}), which goja's
			// position does not tell from the outer one.
			return c
		}
		if len(p.Properties) > 0 {
			switch pr := p.Properties[0].(type) {
			case *ast.PropertyShort:
				c.property, c.report = pr.Name.Name.String(), int(pr.Name.Idx)
			case *ast.PropertyKeyed:
				// V8 places it at the property's target, not its key.
				if id, ok := pr.Key.(*ast.StringLiteral); ok && !pr.Computed && pr.Value != nil {
					c.property, c.report = id.Value.String(), int(pr.Value.Idx0())
				} else {
					return c
				}
			default:
				return c
			}
		}
		s.operandOf(c, p, parent, cObjectPattern)
		return c
	case kindConvert:
		switch x := n.(type) {
		case *ast.ArrayPattern:
			c := &construct{what: cUnknown}
			s.operandOf(c, x, parent, cIterable)
			c.report = c.start
			return c
		case *ast.ForOfStatement:
			c := &construct{what: cUnknown}
			setOperand(c, x.Source, cIterable)
			c.report = c.start
			return c
		case *ast.SpreadElement:
			return &construct{what: cUnknown, start: -1}
		case *ast.DotExpression, *ast.BracketExpression:
			if a, ok := parent.(*ast.AssignExpression); ok && a.Left == n {
				return memberConstruct(n)
			}
		}
	case kindNotAnObject:
		switch x := n.(type) {
		case *ast.BinaryExpression:
			if x.Operator == token.INSTANCEOF {
				return &construct{what: cUnknown, start: int(x.Idx0())}
			}
			if x.Operator != token.IN {
				return nil
			}
			c := &construct{what: cUnknown, start: int(x.Idx0())}
			switch k := x.Left.(type) {
			case *ast.StringLiteral:
				c.property = k.Value.String()
			case *ast.NumberLiteral:
				c.property = k.Literal
			default:
				return c
			}
			c.report = inOperator(s.src, x)
			if c.report == 0 {
				return c
			}
			c.what = cIn
			_, c.nullLiteral = x.Right.(*ast.NullLiteral)
			c.operand = "in" // the value is in goja's message
			return c
		case *ast.NewExpression:
			c := &construct{what: cUnknown, start: int(x.New), report: int(x.New)}
			if _, isNull := x.Callee.(*ast.NullLiteral); isNull {
				c.what, c.nullLiteral = cNew, true
			} else if name := nameChain(x.Callee); name != "" && len(x.ArgumentList) == 0 {
				// A native constructor raises the same message at the same place for a bad
				// argument (new Promise(5): "Value is not an object: 5"): only a call
				// without arguments is taken for a callee that is not a constructor.
				c.what, c.operand = cNew, name
			}
			return c
		}
	case kindRead:
		switch n.(type) {
		case *ast.DotExpression, *ast.BracketExpression:
			return memberConstruct(n)
		}
	}
	return nil
}

// memberConstruct is a member access; only a member of the literal null is placed.
func memberConstruct(n any) *construct {
	c := &construct{what: cUnknown, start: -1}
	switch m := n.(type) {
	case *ast.DotExpression:
		if l, ok := m.Left.(*ast.NullLiteral); ok {
			c.what, c.nullLiteral, c.start, c.report = cMember, true, int(l.Idx), int(m.Identifier.Idx)
		}
	case *ast.BracketExpression:
		if l, ok := m.Left.(*ast.NullLiteral); ok {
			c.what, c.nullLiteral, c.start, c.report = cMember, true, int(l.Idx), int(m.LeftBracket)
		}
	}
	return c
}

// operandOf fills in the operand of a destructuring pattern p: the initializer of a
// declaration or the right side of an assignment.
func (s *constructScan) operandOf(c *construct, p any, parent any, what constructWhat) {
	var operand ast.Expression
	switch x := parent.(type) {
	case *ast.Binding:
		if x.Target == p {
			operand = x.Initializer
		}
	case *ast.AssignExpression:
		if x.Left == p {
			operand = x.Right
		}
	}
	if operand == nil {
		c.what, c.start = cUnknown, -1
		return
	}
	report := c.report
	setOperand(c, operand, what)
	if what == cObjectPattern {
		c.report = report
	}
}

// setOperand records e as c's operand when it is null, a name or a chain of names.
func setOperand(c *construct, e ast.Expression, what constructWhat) {
	c.start = int(e.Idx0())
	if l, ok := e.(*ast.NullLiteral); ok {
		c.what, c.nullLiteral, c.start = what, true, int(l.Idx)
		return
	}
	name := nameChain(e)
	if name == "" {
		c.what = cUnknown
		return
	}
	if d, ok := e.(*ast.DotExpression); ok {
		// goja records a member read at its property.
		c.start = int(d.Identifier.Idx)
		if what == cIterable {
			// V8 names the value, not the expression, for a member that is not iterable.
			c.what = cUnknown
			return
		}
	}
	c.what, c.operand, c.expr = what, name, e
}

// nameChain renders an identifier or a chain of dotted names (`user.app_metadata`) as V8
// prints it; "" for anything else.
func nameChain(e ast.Expression) string {
	switch x := e.(type) {
	case *ast.Identifier:
		return x.Name.String()
	case *ast.DotExpression:
		if l := nameChain(x.Left); l != "" {
			return l + "." + x.Identifier.Name.String()
		}
	}
	return ""
}

// inOperator finds the offset (1-based) of the `in` keyword of x in src, where V8 reports
// it; 0 when anything but blanks (a comment, a parenthesis) separates it from the left
// operand.
func inOperator(src string, x *ast.BinaryExpression) int {
	i := int(x.Left.Idx1()) - 1
	if i < 0 || i > len(src) {
		return 0
	}
	rest := strings.TrimLeft(src[i:], " \t\r\n")
	if !strings.HasPrefix(rest, "in") || (len(rest) > 2 && isIdentifierRune(rune(rest[2]))) {
		return 0
	}
	return len(src) - len(rest) + 1
}

// nestedPattern reports whether an object pattern holds another pattern (a property's target
// or its default).
func nestedPattern(p *ast.ObjectPattern) bool {
	isPattern := func(e ast.Expression) bool {
		if a, ok := e.(*ast.AssignExpression); ok {
			e = a.Left
		}
		switch e.(type) {
		case *ast.ObjectPattern, *ast.ArrayPattern:
			return true
		}
		return false
	}
	for _, pr := range p.Properties {
		if k, ok := pr.(*ast.PropertyKeyed); ok && isPattern(k.Value) {
			return true
		}
	}
	return false
}
