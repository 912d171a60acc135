package runner

import (
	"github.com/dop251/goja"
)

// installNode gives the runtime the Node built-ins and globals and returns the module's
// require. This is the seam to package nodelib (written in parallel): until it lands, require
// knows no module.
func installNode(rt *goja.Runtime, ex *execution) (goja.Value, error) {
	require := rt.ToValue(func(call goja.FunctionCall) goja.Value {
		name := call.Argument(0).String()
		panic(rt.NewGoError(&moduleError{name: name}))
	})
	return require, nil
}

type moduleError struct{ name string }

func (e *moduleError) Error() string { return "Cannot find module '" + e.name + "'" }
