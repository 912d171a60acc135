package runner

import (
	"fmt"

	"github.com/dop251/goja"

	"github.com/hookterm/hookterm/runner/nodelib"
)

// installNode gives the runtime the Node built-ins and globals (package nodelib, built
// lazily on first use) and returns the module's require.
func installNode(rt *goja.Runtime, ex *execution) (goja.Value, error) {
	opts := nodelib.Options{OnUncaught: ex.uncaughtValue}
	if err := nodelib.Enable(rt, opts); err != nil {
		return nil, fmt.Errorf("enable the Node surface: %w", err)
	}
	return rt.GlobalObject().Get("require"), nil
}
