package nodelib

import (
	"testing"

	"github.com/dop251/goja"
)

func nodelibTestRuntime(t *testing.T) *goja.Runtime {
	t.Helper()
	rt := goja.New()
	if err := Enable(rt, Options{}); err != nil {
		t.Fatal(err)
	}
	return rt
}

func nodelibTestRun(t *testing.T, rt *goja.Runtime, src string) goja.Value {
	t.Helper()
	v, err := rt.RunString(src)
	if err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	return v
}

func TestLazyGlobalsResolveAndShadow(t *testing.T) {
	rt := nodelibTestRuntime(t)
	for src, want := range map[string]string{
		`typeof require`:                                        "function",
		`typeof globalThis.require`:                             "function",
		`'require' in globalThis`:                               "true",
		`typeof notAGlobal`:                                     "undefined",
		`require === require`:                                   "true",
		`var require2 = require; require2 === require`:          "true",
		`(function(){ 'use strict'; return typeof require })()`: "function",
	} {
		if got := nodelibTestRun(t, rt, src).String(); got != want {
			t.Errorf("%s = %s, want %s", src, got, want)
		}
	}
	if _, err := rt.RunString(`notAGlobal`); err == nil {
		t.Errorf("an unknown identifier must stay a ReferenceError")
	}
	if got := nodelibTestRun(t, rt, `require = 5; require`).String(); got != "5" {
		t.Errorf("assigning a lazy global must shadow it, got %s", got)
	}
	rt2 := nodelibTestRuntime(t)
	if got := nodelibTestRun(t, rt2, `var require = 7; require`).String(); got != "7" {
		t.Errorf("declaring a lazy global must shadow it, got %s", got)
	}
}
