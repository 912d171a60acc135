package nodelib

import (
	"fmt"
	"math/big"
	"strings"

	"github.com/dop251/goja"
)

func fmtErr(what string, err error) error { return fmt.Errorf("nodelib: %s: %w", what, err) }

// builtinNames are the modules require() serves, sorted.
var builtinNames = [...]string{"assert", "buffer", "crypto", "events", "process", "querystring", "string_decoder", "timers", "timers/promises", "url", "util"}

// buildModule builds a built-in (or internal) module for one runtime; ok is false for an
// unknown name. A switch rather than a map: the builders refer back to requireBuiltin.
func (e *env) buildModule(name string) (goja.Value, bool) {
	switch name {
	case "assert":
		return e.assertModule(), true
	case "buffer":
		return e.bufferModule(), true
	case "crypto":
		return e.cryptoModule(), true
	case "events":
		return e.eventsModule(), true
	case "process":
		return e.rt.GlobalObject().Get("process"), true
	case "querystring":
		return e.querystringModule(), true
	case "string_decoder":
		return e.stringDecoderModule(), true
	case "timers":
		return e.timersModule(), true
	case "timers/promises":
		return e.timersPromisesModule(), true
	case "url":
		return e.urlModule(), true
	case "util":
		return e.utilModule(), true
	case "internal/web":
		return e.webModule(), true
	case "internal/microtask":
		return e.microtaskModule(), true
	case "internal/url":
		return e.whatwgURLModule(), true
	case "internal/querystring":
		return e.querystringInternalModule(), true
	case "internal/misc":
		return e.miscModule(), true
	case "internal/abort":
		return e.abortModule(), true
	}
	return nil, false
}

func isBuiltin(name string) bool {
	for _, n := range builtinNames {
		if n == name {
			return true
		}
	}
	return false
}

// refusedModules are Node built-ins a hook may not use here, with the reason given to the user.
var refusedModules = map[string]string{
	"fs":             "hooks have no file system access",
	"fs/promises":    "hooks have no file system access",
	"child_process":  "hooks cannot start processes",
	"cluster":        "hooks cannot start processes",
	"worker_threads": "hooks cannot start threads",
	"net":            "hooks run without network access in hookterm",
	"http":           "hooks run without network access in hookterm",
	"https":          "hooks run without network access in hookterm",
	"http2":          "hooks run without network access in hookterm",
	"dns":            "hooks run without network access in hookterm",
	"tls":            "hooks run without network access in hookterm",
	"dgram":          "hooks run without network access in hookterm",
	"os":             "hooks cannot inspect the host system",
	"vm":             "hooks cannot create new JavaScript contexts",
	"v8":             "hooks cannot inspect the host system",
	"inspector":      "hooks cannot inspect the host system",
}

// ModuleName normalises a require() argument as the webtask runtime did: the "node:" prefix
// and a pinned version ("lodash@4.17.21", "@scope/pkg@1.0.0") are stripped.
func ModuleName(spec string) string {
	name := strings.TrimPrefix(spec, "node:")
	start := 0
	if strings.HasPrefix(name, "@") {
		start = 1 // a scope's leading @ is not a version separator
	}
	if i := strings.IndexByte(name[start:], '@'); i >= 0 {
		name = name[:start+i]
	}
	return name
}

// BuiltinModuleNames lists the modules require() serves, sorted.
func BuiltinModuleNames() []string { return append([]string(nil), builtinNames[:]...) }

// require is the global require(): it never touches the host file system.
func (e *env) require(call goja.FunctionCall) goja.Value {
	arg := call.Argument(0)
	if !isJSString(arg) {
		panic(e.nodeError("TypeError", "ERR_INVALID_ARG_TYPE",
			"The \"id\" argument must be of type string. Received "+describeReceived(e.rt, arg)))
	}
	spec := arg.String()
	if spec == "" {
		panic(e.nodeError("TypeError", "ERR_INVALID_ARG_VALUE",
			"The argument 'id' must be a non-empty string. Received ''"))
	}
	return e.requireName(spec)
}

func (e *env) requireName(spec string) goja.Value {
	name := ModuleName(spec)
	if reason, ok := refusedModules[name]; ok {
		panic(e.nodeError("Error", "ERR_HOOKTERM_MODULE_REFUSED",
			fmt.Sprintf("Cannot use module '%s' in a hook: %s", name, reason)))
	}
	if !isBuiltin(name) {
		panic(e.nodeError("Error", "MODULE_NOT_FOUND",
			fmt.Sprintf("Cannot find module '%s' (npm packages are not available in hookterm yet; built-in modules: %s)",
				name, strings.Join(BuiltinModuleNames(), ", "))))
	}
	return e.requireBuiltin(name)
}

// requireBuiltin returns the runtime's instance of a built-in module, building it once.
func (e *env) requireBuiltin(name string) goja.Value {
	if v, ok := e.modules[name]; ok {
		return v
	}
	if e.modules == nil {
		e.modules = make(map[string]goja.Value, 4)
	}
	v, ok := e.buildModule(name)
	if !ok {
		panic(e.rt.NewTypeError("nodelib: no module " + name))
	}
	e.modules[name] = v
	return v
}

// nodeError builds an Error of the given constructor with Node's `code` property.
func (e *env) nodeError(ctor, code, msg string) *goja.Object {
	c, _ := goja.AssertConstructor(e.rt.GlobalObject().Get(ctor))
	obj, err := c(nil, e.rt.ToValue(msg))
	if err != nil {
		panic(err)
	}
	_ = obj.Set("code", code)
	return obj
}

// describeReceived renders a wrong argument the way Node's ERR_INVALID_ARG_TYPE does.
func describeReceived(rt *goja.Runtime, v goja.Value) string {
	switch {
	case v == nil || goja.IsUndefined(v):
		return "undefined"
	case goja.IsNull(v):
		return "null"
	}
	if o, ok := v.(*goja.Object); ok {
		if _, isFn := goja.AssertFunction(o); isFn {
			return "function " + o.Get("name").String()
		}
		if c, ok := o.Get("constructor").(*goja.Object); ok {
			if n := c.Get("name"); n != nil && n.String() != "" {
				return "an instance of " + n.String()
			}
		}
		opts := defaultInspectOptions()
		opts.depth = -1
		return inspectWith(rt, v, opts)
	}
	s := Inspect(rt, v)
	if len(s) > 28 {
		s = s[:25] + "..."
	}
	return "type " + typeOf(v) + " (" + s + ")"
}

// typeOf is JavaScript's typeof for primitives.
func typeOf(v goja.Value) string {
	switch {
	case isSymbol(v):
		return "symbol"
	case isJSString(v):
		return "string"
	}
	switch v.Export().(type) {
	case bool:
		return "boolean"
	case *big.Int:
		return "bigint"
	}
	return "number"
}
