package nodelib

import (
	"testing"

	"github.com/dop251/goja"
)

// TestInspectSurvivesHostileValues: odd values may make console.log throw a JavaScript
// error (as in Node) but must never panic in Go, which would take the worker down.
func TestInspectSurvivesHostileValues(t *testing.T) {
	for _, src := range []string{
		`(() => { const p = Proxy.revocable({}, {}); p.revoke(); return p.proxy; })()`,
		`new Proxy({ a: 1 }, { get() { throw new Error('trap'); }, ownKeys() { throw new Error('trap'); } })`,
		`({ get [Symbol.toStringTag]() { throw new Error('tag'); } })`,
		`Object.defineProperty({}, 'constructor', { get() { throw new Error('ctor'); }, enumerable: true })`,
		`(() => { const e = new Error('x'); Object.defineProperty(e, 'stack', { get() { throw new Error('stack'); } }); return e; })()`,
		`(() => { const a = []; a.length = 5; a[2] = a; return a; })()`,
		`Object.create(Object.create(null))`,
		`(() => { function F() {} F.prototype = null; return new F(); })()`,
		`(() => { class A {} Object.setPrototypeOf(A.prototype, null); return new A(); })()`,
		`new (class extends Array {})(3)`,
		`new (class extends Map {})([[1, 2]])`,
		`Object.assign(() => {}, { a: 1 })`,
		`(() => { const o = {}; for (let i = 0; i < 200; i++) o['k' + i] = { v: [i] }; return o; })()`,
		`(() => { let o = {}; const root = o; for (let i = 0; i < 50; i++) { o.next = {}; o = o.next; } return root; })()`,
		`new Uint8Array(300)`,
		`[Symbol(), Symbol.iterator, 0n, -0, NaN, -Infinity]`,
		`({ [Symbol.for('nodejs.util.inspect.custom')]() { return { swapped: true }; } })`,
		`({ [Symbol.for('nodejs.util.inspect.custom')]() { return this; } })`,
		`new Date(NaN)`,
		`Object(Symbol('boxed'))`,
		`'x'.repeat(20000)`,
		`(function () { return arguments; })()`,
		`new Promise((_, reject) => reject(new Error('rejected')))`,
		`globalThis`,
	} {
		rt := nodelibTestRuntime(t)
		v, err := rt.RunString(src)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		func() {
			defer func() {
				if r := recover(); r != nil {
					if _, isJS := r.(*goja.Exception); isJS {
						return
					}
					if _, isObj := r.(*goja.Object); isObj {
						return
					}
					t.Errorf("%s: Go panic %v", src, r)
				}
			}()
			if s := Inspect(rt, v); s == "" {
				t.Errorf("%s: empty output", src)
			}
			_ = Format(rt, []goja.Value{rt.ToValue("%s %d %j %o"), v, v, v, v})
		}()
	}
}

// TestInspectNeverCallsGetters: Node shows accessors as [Getter] without running them.
func TestInspectNeverCallsGetters(t *testing.T) {
	rt := nodelibTestRuntime(t)
	v := nodelibTestRun(t, rt, `globalThis.calls = 0; ({ get a() { calls++; return 1; }, nested: { get b() { calls++; return 2; } }, list: [Object.defineProperty({}, 'c', { get() { calls++; }, enumerable: true })] })`)
	if got := Inspect(rt, v); got != "{ a: [Getter], nested: { b: [Getter] }, list: [ { c: [Getter] } ] }" {
		t.Errorf("Inspect = %s", got)
	}
	_ = Format(rt, []goja.Value{rt.ToValue("%s %o %O %j"), v, v, v, rt.ToValue(1)})
	if n := nodelibTestRun(t, rt, `calls`).ToInteger(); n != 0 {
		t.Errorf("getters ran %d times", n)
	}
}

func TestInspectWithOptions(t *testing.T) {
	rt := nodelibTestRuntime(t)
	v := nodelibTestRun(t, rt, `({ a: { b: { c: { d: { e: 1 } } } } })`)
	for opts, want := range map[string]string{
		`({ depth: 0 })`:    "{ a: [Object] }",
		`({ depth: null })`: "{\n  a: {\n    b: { c: { d: { e: 1 } } }\n  }\n}", // as Node 20 prints it
		`undefined`:         "{ a: { b: { c: [Object] } } }",
	} {
		if got := InspectWithOptions(rt, v, nodelibTestRun(t, rt, opts)); got != want {
			t.Errorf("%s: %q, want %q", opts, got, want)
		}
	}
}
