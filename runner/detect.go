package runner

import (
	"errors"

	"github.com/dop251/goja/ast"

	"github.com/hookterm/hookterm/trigger"
)

// CheckSyntax parses script as the runner would and returns its syntax error, positioned in
// the user's script, or nil. The editor calls it on every change, so nothing is cached.
func CheckSyntax(script string) *ScriptError {
	_, serr := compileScript(defaultFilename, script, []string{"ExtensibilityUserError"})
	return serr
}

// ErrTriggerNotDetected is DetectTriggerReason's answer for a script that parses but whose
// signature does not tell the extensibility point (the three user points share theirs).
var ErrTriggerNotDetected = errors.New("the script's signature does not tell the extensibility point")

// DetectTriggerReason is DetectTrigger with the reason when it cannot tell: a script that does
// not parse gives its syntax error (a *ScriptError of KindSyntax, worded and positioned as a
// run reports it, its stack naming filename), which is what the user needs to see rather than
// a request for --trigger; otherwise ErrTriggerNotDetected.
func DetectTriggerReason(script, filename string) (trigger.ID, error) {
	if id, ok := DetectTrigger(script); ok {
		return id, nil
	}
	if filename == "" {
		filename = defaultFilename
	}
	if _, serr := compileSource(filename, script, []string{"ExtensibilityUserError"}); serr != nil {
		return "", serr
	}
	return "", ErrTriggerNotDetected
}

// DetectTrigger tells the extensibility point from the exported function's parameters when
// they leave no doubt: five parameters (or a first one named client) is credentials-exchange,
// four (or recipient first) is send-phone-message. The three user points share (user,
// context, cb), so a three-parameter hook is ambiguous.
func DetectTrigger(script string) (trigger.ID, bool) {
	params, ok := exportedParams(script)
	if !ok {
		return "", false
	}
	if len(params) > 0 {
		switch params[0] {
		case "client":
			return trigger.CredentialsExchange, true
		case "recipient":
			return trigger.SendPhoneMessage, true
		}
	}
	switch len(params) {
	case 5:
		return trigger.CredentialsExchange, true
	case 4:
		return trigger.SendPhoneMessage, true
	}
	return "", false
}

// exportedParams finds the function the script exports or returns and lists its parameter
// names ("" for a destructuring pattern).
func exportedParams(script string) ([]string, bool) {
	prg, _, _, err := parseWrapped(script)
	if err != nil || len(prg.Body) == 0 {
		return nil, false
	}
	stmt, ok := prg.Body[0].(*ast.ExpressionStatement)
	if !ok {
		return nil, false
	}
	wrapper, ok := stmt.Expression.(*ast.FunctionLiteral)
	if !ok || wrapper.Body == nil {
		return nil, false
	}
	body := wrapper.Body.List
	var exported ast.Expression
	for _, s := range body {
		switch s := s.(type) {
		case *ast.ExpressionStatement:
			if a, ok := s.Expression.(*ast.AssignExpression); ok && isModuleExports(a.Left) {
				exported = a.Right
			}
		case *ast.ReturnStatement:
			if s.Argument != nil && exported == nil {
				exported = s.Argument
			}
		}
	}
	if id, ok := exported.(*ast.Identifier); ok {
		exported = findFunction(body, string(id.Name))
	}
	var list *ast.ParameterList
	switch f := exported.(type) {
	case *ast.FunctionLiteral:
		list = f.ParameterList
	case *ast.ArrowFunctionLiteral:
		list = f.ParameterList
	default:
		return nil, false
	}
	if list == nil {
		return nil, false
	}
	names := make([]string, 0, len(list.List))
	for _, b := range list.List {
		if id, ok := b.Target.(*ast.Identifier); ok {
			names = append(names, string(id.Name))
		} else {
			names = append(names, "")
		}
	}
	return names, true
}

func isModuleExports(e ast.Expression) bool {
	d, ok := e.(*ast.DotExpression)
	if !ok || d.Identifier.Name != "exports" {
		return false
	}
	m, ok := d.Left.(*ast.Identifier)
	return ok && m.Name == "module"
}

// findFunction finds a top-level function declaration or a variable initialised with a
// function, named name.
func findFunction(body []ast.Statement, name string) ast.Expression {
	for _, s := range body {
		switch s := s.(type) {
		case *ast.FunctionDeclaration:
			if s.Function.Name != nil && string(s.Function.Name.Name) == name {
				return s.Function
			}
		case *ast.VariableStatement:
			if e := bindingInit(s.List, name); e != nil {
				return e
			}
		case *ast.LexicalDeclaration:
			if e := bindingInit(s.List, name); e != nil {
				return e
			}
		}
	}
	return nil
}

func bindingInit(list []*ast.Binding, name string) ast.Expression {
	for _, b := range list {
		if id, ok := b.Target.(*ast.Identifier); ok && string(id.Name) == name {
			return b.Initializer
		}
	}
	return nil
}
