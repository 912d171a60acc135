// Package nodelib gives a goja runtime the Node.js surface that Auth0 hook scripts use: a
// sandboxed require with the built-in modules hooks need (crypto, util, url, querystring,
// events, buffer, assert), the Node globals (Buffer, URL, TextEncoder, atob, structuredClone,
// process, …) and Node's util.format/util.inspect for console output.
//
// The runner creates a fresh runtime for every run and must stay within a few tens of
// microseconds, so Enable only installs accessors: each global and module is built the first
// time a script touches it. Nothing mutable is shared between runtimes; only compiled
// programs (immutable) are cached at package level.
package nodelib

import (
	"crypto/rand"
	"io"
	"time"

	"github.com/dop251/goja"
)

// NodeVersion is the Node.js release the hook environment imitates (process.version).
const NodeVersion = "v20.20.2"

// Options configures the Node surface of one runtime.
type Options struct {
	// Now is the clock used by modules that need one (process.hrtime, performance.now);
	// nil means time.Now.
	Now func() time.Time
	// Rand is the entropy source of crypto.randomBytes, randomUUID and getRandomValues;
	// nil means crypto/rand.Reader.
	Rand io.Reader
	// OnUncaught receives errors thrown by queueMicrotask and process.nextTick callbacks,
	// which Node treats as uncaught exceptions (the hook fails). When nil they reject the
	// internal promise that ran the callback, so a promise rejection tracker sees them.
	OnUncaught func(err goja.Value)
}

// env is the per-runtime state: the module cache and the options. It lives only as long as
// its runtime.
type env struct {
	rt      *goja.Runtime
	opts    Options
	modules map[string]goja.Value
	start   time.Time
	bind    *goja.Object
}

func (e *env) now() time.Time {
	if e.opts.Now != nil {
		return e.opts.Now()
	}
	return time.Now()
}

func (e *env) rand() io.Reader {
	if e.opts.Rand != nil {
		return e.opts.Rand
	}
	return rand.Reader
}

// lazyGlobal describes one global built on first use.
type lazyGlobal struct {
	name  string
	build func(e *env) goja.Value
}

// lazyGlobals are the globals Enable provides, each built on first use.
var lazyGlobals = [...]lazyGlobal{
	{"require", func(e *env) goja.Value { return e.rt.ToValue(e.require) }},
	{"Buffer", func(e *env) goja.Value { return e.requireBuiltin("buffer").ToObject(e.rt).Get("Buffer") }},
	{"URL", func(e *env) goja.Value { return e.obj("internal/url").Get("URL") }},
	{"URLSearchParams", func(e *env) goja.Value { return e.obj("internal/url").Get("URLSearchParams") }},
	{"TextEncoder", func(e *env) goja.Value { return e.web().Get("TextEncoder") }},
	{"TextDecoder", func(e *env) goja.Value { return e.web().Get("TextDecoder") }},
	{"atob", func(e *env) goja.Value { return e.web().Get("atob") }},
	{"btoa", func(e *env) goja.Value { return e.web().Get("btoa") }},
	{"structuredClone", func(e *env) goja.Value { return e.web().Get("structuredClone") }},
	{"queueMicrotask", func(e *env) goja.Value { return e.obj("internal/microtask").Get("queueMicrotask") }},
	{"process", func(e *env) goja.Value { return e.processObject() }},
	{"global", func(e *env) goja.Value { return e.rt.GlobalObject() }},
	{"crypto", func(e *env) goja.Value { return e.obj("crypto").Get("webcrypto") }},
	{"performance", func(e *env) goja.Value { return e.misc().Get("performance") }},
	{"fetch", func(e *env) goja.Value { return e.misc().Get("fetch") }},
	{"AbortController", func(e *env) goja.Value { return e.obj("internal/abort").Get("AbortController") }},
	{"AbortSignal", func(e *env) goja.Value { return e.obj("internal/abort").Get("AbortSignal") }},
	{"DOMException", func(e *env) goja.Value { return e.obj("internal/abort").Get("DOMException") }},
}

// Enable installs the Node surface on rt: a sandboxed global require and lazily built
// globals. It must be called once per runtime, before any script runs.
//
// The globals live on a dynamic object inserted between the global object and
// Object.prototype, so that Enable allocates almost nothing: identifier resolution walks the
// global object's prototype chain, reaches the dynamic object, and the value is built on that
// first use. A script assigning one of these names shadows it as in Node.
func Enable(rt *goja.Runtime, opts Options) error {
	e := &env{rt: rt, opts: opts}
	e.start = e.now()
	scope := rt.NewDynamicObject(&lazyScope{e: e})
	if err := rt.GlobalObject().SetPrototype(scope); err != nil {
		return fmtErr("install the Node globals", err)
	}
	return nil
}

// lazyScope is the dynamic object holding the lazily built globals of one runtime.
type lazyScope struct {
	e      *env
	values map[string]goja.Value
}

func (s *lazyScope) Get(key string) goja.Value {
	if v, ok := s.values[key]; ok {
		return v
	}
	build := lookupGlobal(key)
	if build == nil {
		return nil
	}
	v := build(s.e)
	if s.values == nil {
		s.values = make(map[string]goja.Value, 4)
	}
	s.values[key] = v
	return v
}

func (s *lazyScope) Set(key string, val goja.Value) bool {
	if s.values == nil {
		s.values = make(map[string]goja.Value, 4)
	}
	s.values[key] = val
	return true
}

func (s *lazyScope) Has(key string) bool {
	if v, ok := s.values[key]; ok {
		return v != nil
	}
	return lookupGlobal(key) != nil
}

func (s *lazyScope) Delete(key string) bool {
	if s.values == nil {
		s.values = make(map[string]goja.Value, 4)
	}
	s.values[key] = nil // a tombstone: the global stays deleted
	return true
}

// Keys is empty: Node's globals of this kind are not enumerable.
func (s *lazyScope) Keys() []string { return nil }

func lookupGlobal(key string) func(e *env) goja.Value {
	for i := range lazyGlobals {
		if lazyGlobals[i].name == key {
			return lazyGlobals[i].build
		}
	}
	return nil
}
