package runner

import "github.com/dop251/goja"

// runnerScope holds the globals the runner owns (console and the timers), built on first
// use: a fresh runtime per run must stay cheap, and most hooks touch one or two of them. It
// is a dynamic object placed between the global object and nodelib's own lazy scope, so that
// identifier lookups fall through to the Node globals.
type runnerScope struct {
	ex     *execution
	values map[string]goja.Value
}

var runnerGlobals = [...]string{"console", "setTimeout", "setInterval", "setImmediate", "clearTimeout", "clearInterval", "clearImmediate"}

func isRunnerGlobal(key string) bool {
	for _, g := range runnerGlobals {
		if g == key {
			return true
		}
	}
	return false
}

func (s *runnerScope) build(key string) goja.Value {
	ex := s.ex
	switch key {
	case "console":
		return newConsole(ex.rt, &ex.logs)
	default:
		return ex.loop.global(key)
	}
}

func (s *runnerScope) Get(key string) goja.Value {
	if v, ok := s.values[key]; ok {
		return v
	}
	if !isRunnerGlobal(key) {
		return nil
	}
	v := s.build(key)
	if s.values == nil {
		s.values = make(map[string]goja.Value, 4)
	}
	s.values[key] = v
	return v
}

func (s *runnerScope) Set(key string, val goja.Value) bool {
	if s.values == nil {
		s.values = make(map[string]goja.Value, 4)
	}
	s.values[key] = val
	return true
}

func (s *runnerScope) Has(key string) bool {
	if v, ok := s.values[key]; ok {
		return v != nil
	}
	return isRunnerGlobal(key)
}

func (s *runnerScope) Delete(key string) bool {
	if s.values == nil {
		s.values = make(map[string]goja.Value, 4)
	}
	s.values[key] = nil
	return true
}

// Keys is empty: like Node's, these globals are not enumerable.
func (s *runnerScope) Keys() []string { return nil }

// installScope puts the runner's lazy globals in front of whatever the global object's
// prototype is (nodelib's scope).
func installScope(ex *execution) error {
	rt := ex.rt
	g := rt.GlobalObject()
	scope := rt.NewDynamicObject(&runnerScope{ex: ex})
	if err := scope.SetPrototype(g.Prototype()); err != nil {
		return err
	}
	return g.SetPrototype(scope)
}
