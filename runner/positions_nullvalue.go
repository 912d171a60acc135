package runner

import (
	"encoding/json"
	"reflect"
	"strings"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/token"
)

// goja words a member of null as a member of undefined ("Cannot read property 'b' of
// undefined") and the value is gone once it has thrown. The most common null in a hook is a
// property value: `user.user_metadata` null in the payload, `const n = {a: null}; n.a.b`.
// nullMemberObject tells null from the source and the payload without running anything of
// the script's: the object expression must be a chain of names (`user.user_metadata`,
// `n['a']`) from
//   - a parameter of the exported hook function bound to a payload argument (not context),
//     whose value is then read from the request's payload JSON, or
//   - a const initialised with an object literal of plain data (no getters, methods,
//     spreads, computed keys), whose value is read from the literal,
//
// and the data under that root must be provably unchanged: the name is bound nowhere else, and
// every use of it is a chain of reads whose value is either used in place (compared, tested,
// a statement) or, when it is handed on (assigned, passed, returned), a primitive in the data.
// Scripts using arguments, eval, with, prototypes, Proxy, Reflect or defineProperty, through
// which the data could change unseen, are not judged. When any condition fails the answer is
// "undefined", V8's word for the common case.

// unjudgeable are the words that let a script change data without a visible assignment.
var unjudgeable = [...]string{"arguments", "eval", "prototype", "__proto__", "Proxy", "Reflect", "defineProperty", "setPrototypeOf", "__defineGetter__"}

// nullMemberObject reports whether the object of the member access reported by a
// "… of undefined (reading|setting 'prop')" error at line and UTF-16 column col is, provably,
// null. set says the access was an assignment (V8 places those at the `=`).
func nullMemberObject(script string, args []string, payload json.RawMessage, prop string, set bool, line, col int) (isNull bool) {
	defer func() {
		// Reading the source must never turn a report into a crash of the worker.
		if recover() != nil {
			isNull = false
		}
	}()
	text, ok := lineText(script, line)
	if !ok || col < 1 {
		return false
	}
	prg, parsed, headLen, err := parseWrapped(script)
	if err != nil {
		return false
	}
	at := headLen + byteOffset(script, line, ColumnByteOffset(text, col)+1) + 1

	// The member access at the error's position.
	var object ast.Expression
	walkPath(reflect.ValueOf(prg), nil, func(n any, path []any) {
		switch x := n.(type) {
		case *ast.AssignExpression:
			if d, ok := x.Left.(*ast.DotExpression); ok && set && x.Operator == token.ASSIGN && d.Identifier.Name.String() == prop {
				rest := strings.TrimLeft(parsed[int(d.Idx1())-1:], " \t")
				if len(parsed)-len(rest)+1 == at {
					object = d.Left
				}
			}
		case *ast.DotExpression:
			if !set && int(x.Identifier.Idx) == at && x.Identifier.Name.String() == prop {
				object = x.Left
			}
		case *ast.BracketExpression:
			if k, ok := x.Member.(*ast.StringLiteral); ok && !set && int(x.LeftBracket) == at && k.Value.String() == prop {
				object = x.Left
			}
		}
	})
	if object == nil {
		return false
	}
	return provablyNull(script, prg, object, args, payload)
}

// provablyNull reports whether e, a chain of names with at least one property, is null in
// the data (see the top of this file); false when it cannot be told.
func provablyNull(script string, prg *ast.Program, e ast.Expression, args []string, payload json.RawMessage) bool {
	return provenNullish(script, prg, e, args, payload) == "null"
}

// provenNullish says what the chain e holds when the data proves it, under the same conditions
// as provablyNull: "null" for a null value, "undefined" when the chain's last key is absent
// from an object (or a number or boolean) the data holds, "" when the data cannot tell.
func provenNullish(script string, prg *ast.Program, e ast.Expression, args []string, payload json.RawMessage) string {
	for _, w := range unjudgeable {
		if strings.Contains(script, w) {
			return ""
		}
	}
	root, steps, ok := chainOf(e)
	if !ok || len(steps) == 0 {
		return ""
	}
	// Where the root's data comes from.
	b := bindingScan{name: root}
	b.walk(reflect.ValueOf(prg), false)
	if b.bindings != 1 || b.with {
		return ""
	}
	var hooks []*ast.FunctionLiteral
	walkPath(reflect.ValueOf(prg), nil, func(n any, _ []any) {
		if x, ok := n.(*ast.AssignExpression); ok {
			if l, ok := x.Left.(*ast.DotExpression); ok && nameChain(l) == "module.exports" {
				if f, ok := x.Right.(*ast.FunctionLiteral); ok {
					hooks = append(hooks, f)
				}
			}
		}
	})
	data, ok := rootData(prg, hooks, root, args, payload)
	if !ok || !readOnlyUses(prg, root, data) {
		return ""
	}
	if v, found := follow(data, steps); found {
		if v == nil {
			return "null"
		}
		return ""
	}
	if parent, found := follow(data, steps[:len(steps)-1]); found {
		key := steps[len(steps)-1]
		switch p := parent.(type) {
		case map[string]any:
			if _, has := p[key]; !has && !inheritedByObjects(key) {
				return "undefined"
			}
		case float64, bool:
			// A number or a boolean has only its prototype's members.
			if !inheritedByObjects(key) && !numberMember(key) {
				return "undefined"
			}
		}
	}
	return ""
}

// inheritedByObjects reports the names every object reads from Object.prototype.
func inheritedByObjects(name string) bool {
	switch name {
	case "constructor", "__proto__", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable",
		"toLocaleString", "toString", "valueOf", "__defineGetter__", "__defineSetter__",
		"__lookupGetter__", "__lookupSetter__":
		return true
	}
	return false
}

// numberMember reports Number.prototype's own names (Boolean.prototype's are among them).
func numberMember(name string) bool {
	return name == "toExponential" || name == "toFixed" || name == "toPrecision"
}

// chainOf splits a chain of names (`a.b['c']`) into its root and its property names.
func chainOf(e ast.Expression) (string, []string, bool) {
	var steps []string
	for {
		switch x := e.(type) {
		case *ast.Identifier:
			for i, j := 0, len(steps)-1; i < j; i, j = i+1, j-1 {
				steps[i], steps[j] = steps[j], steps[i]
			}
			return x.Name.String(), steps, true
		case *ast.DotExpression:
			steps = append(steps, x.Identifier.Name.String())
			e = x.Left
		case *ast.BracketExpression:
			k, ok := x.Member.(*ast.StringLiteral)
			if !ok {
				return "", nil, false
			}
			steps = append(steps, k.Value.String())
			e = x.Left
		default:
			return "", nil, false
		}
	}
}

// rootData is the data root names: a payload argument of the hook, or a const's literal.
func rootData(prg *ast.Program, hooks []*ast.FunctionLiteral, root string, args []string, payload json.RawMessage) (any, bool) {
	if len(hooks) == 1 && hooks[0].ParameterList != nil {
		for i, p := range hooks[0].ParameterList.List {
			id, ok := p.Target.(*ast.Identifier)
			if !ok || id.Name.String() != root {
				continue
			}
			if i >= len(args) || args[i] == "context" || p.Initializer != nil || len(payload) == 0 {
				return nil, false
			}
			var body map[string]any
			if json.Unmarshal(payload, &body) != nil {
				return nil, false
			}
			v, ok := body[args[i]]
			return v, ok
		}
	}
	var data any
	found := false
	walkPath(reflect.ValueOf(prg), nil, func(n any, _ []any) {
		d, ok := n.(*ast.LexicalDeclaration)
		if !ok || d.Token != token.CONST {
			return
		}
		for _, b := range d.List {
			if id, ok := b.Target.(*ast.Identifier); ok && id.Name.String() == root {
				data, found = literalData(b.Initializer)
			}
		}
	})
	return data, found
}

// literalData converts an object literal of plain data into JSON's Go values.
func literalData(e ast.Expression) (any, bool) {
	switch x := e.(type) {
	case *ast.NullLiteral:
		return nil, true
	case *ast.StringLiteral:
		return x.Value.String(), true
	case *ast.NumberLiteral:
		return x.Value, true
	case *ast.BooleanLiteral:
		return x.Value, true
	case *ast.ObjectLiteral:
		m := map[string]any{}
		for _, p := range x.Value {
			k, ok := p.(*ast.PropertyKeyed)
			if !ok || k.Computed || k.Kind != ast.PropertyKindValue {
				return nil, false
			}
			key, ok := k.Key.(*ast.StringLiteral)
			if !ok {
				return nil, false
			}
			v, ok := literalData(k.Value)
			if !ok {
				return nil, false
			}
			m[key.Value.String()] = v
		}
		return m, true
	}
	return nil, false
}

// follow reads the path steps in data; found is false where a step is not an own property of
// an object.
func follow(data any, steps []string) (any, bool) {
	for _, s := range steps {
		m, ok := data.(map[string]any)
		if !ok {
			return nil, false
		}
		if data, ok = m[s]; !ok {
			return nil, false
		}
	}
	return data, true
}

// readOnlyUses reports whether every use of root only reads data: the chain's value is used
// in place, or handed on only where it is a primitive (or missing) in data.
func readOnlyUses(prg *ast.Program, root string, data any) bool {
	ok := true
	walkPath(reflect.ValueOf(prg), nil, func(n any, path []any) {
		id, isID := n.(*ast.Identifier)
		if !ok || !isID || id.Name.String() != root || len(path) == 0 {
			return
		}
		if d, isDot := path[len(path)-1].(*ast.DotExpression); isDot && &d.Identifier == id {
			return // a property of that name, not the name
		}
		// Climb the chain of member accesses rooted at the identifier.
		top := any(id)
		i := len(path) - 1
		for ; i >= 0; i-- {
			switch m := path[i].(type) {
			case *ast.DotExpression:
				if m.Left == top {
					top = m
					continue
				}
			case *ast.BracketExpression:
				if m.Left == top {
					top = m
					continue
				}
			}
			break
		}
		if top == any(id) {
			// The bare name: its binding (a parameter, the const) or a use of the whole object.
			switch p := path[len(path)-1].(type) {
			case *ast.Binding:
				if p.Target == ast.BindingTarget(id) {
					return
				}
			}
			if i >= 0 {
				if _, isParams := path[i].(*ast.ParameterList); isParams {
					return
				}
			}
			ok = false
			return
		}
		if i < 0 || !inPlace(path[i], top) {
			// Handed on: harmless only when the value is a primitive in the data.
			_, steps, isChain := chainOf(top.(ast.Expression))
			if !isChain {
				ok = false
				return
			}
			if mutating(path[i], top) {
				// Writing to (or calling a method of) a property changes the object holding
				// it, when there is one: a missing, null or primitive holder throws or
				// drops the write.
				if len(steps) == 0 || isContainer(follow(data, steps[:len(steps)-1])) {
					ok = false
				}
				return
			}
			if isContainer(follow(data, steps)) {
				ok = false
			}
		}
	})
	return ok
}

// isContainer reports whether a value found in the data is an object or an array, which
// a script holding it could change.
func isContainer(v any, found bool) bool {
	if !found {
		return false
	}
	switch v.(type) {
	case map[string]any, []any:
		return true
	}
	return false
}

// inPlace reports whether parent uses the value of child without keeping or passing it.
func inPlace(parent any, child any) bool {
	switch p := parent.(type) {
	case *ast.ExpressionStatement, *ast.IfStatement, *ast.WhileStatement, *ast.DoWhileStatement, *ast.TemplateLiteral, *ast.SwitchStatement, *ast.CaseStatement:
		return true
	case *ast.BinaryExpression:
		return p.Operator != token.LOGICAL_AND && p.Operator != token.LOGICAL_OR && p.Operator != token.COALESCE
	case *ast.UnaryExpression:
		switch p.Operator {
		case token.NOT, token.TYPEOF, token.VOID, token.MINUS, token.PLUS, token.BITWISE_NOT:
			return true
		}
	case *ast.ConditionalExpression:
		return p.Test == child
	}
	return false
}

// mutating reports whether parent changes child (an assignment target, ++/--, delete) or
// calls it as a method, which may change its object.
func mutating(parent any, child any) bool {
	switch p := parent.(type) {
	case *ast.AssignExpression:
		return p.Left == child
	case *ast.UnaryExpression:
		return p.Operator == token.INCREMENT || p.Operator == token.DECREMENT || p.Operator == token.DELETE
	case *ast.CallExpression:
		return p.Callee == child
	case *ast.ForInStatement, *ast.ForOfStatement, *ast.ForDeclaration, *ast.ObjectPattern, *ast.ArrayPattern, *ast.PropertyKeyed, *ast.PropertyShort:
		return true
	}
	return false
}

// walkPath visits every ast node under v with the nodes above it.
func walkPath(v reflect.Value, path []any, visit func(n any, path []any)) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return
		}
		if v.Elem().Kind() == reflect.Struct && v.Elem().Type().PkgPath() == astPkgPath {
			n := v.Interface()
			visit(n, path)
			e := v.Elem()
			path = append(path[:len(path):len(path)], n)
			for i := 0; i < e.NumField(); i++ {
				if e.Type().Field(i).IsExported() && e.Type().Field(i).Name != "DeclarationList" {
					walkPath(e.Field(i), path, visit)
				}
			}
			return
		}
		walkPath(v.Elem(), path, visit)
	case reflect.Interface:
		if !v.IsNil() {
			walkPath(v.Elem(), path, visit)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			walkPath(v.Index(i), path, visit)
		}
	case reflect.Struct:
		if v.Type().PkgPath() == astPkgPath && v.CanAddr() {
			walkPath(v.Addr(), path, visit)
		}
	}
}
