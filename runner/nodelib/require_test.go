package nodelib

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/dop251/goja"
)

func nodelibTestThrows(t *testing.T, rt *goja.Runtime, src string) *goja.Object {
	t.Helper()
	_, err := rt.RunString(src)
	exc, ok := err.(*goja.Exception)
	if !ok {
		t.Fatalf("%s: want a JavaScript exception, got %v", src, err)
	}
	return exc.Value().ToObject(rt)
}

func TestRequireRefusesHostModules(t *testing.T) {
	rt := nodelibTestRuntime(t)
	for _, name := range []string{"fs", "node:fs", "fs@1.0.0", "child_process", "net", "http", "https", "dns", "os", "cluster", "worker_threads"} {
		e := nodelibTestThrows(t, rt, "require('"+name+"')")
		bare := ModuleName(name)
		if msg := e.Get("message").String(); !strings.HasPrefix(msg, "Cannot use module '"+bare+"' in a hook: ") {
			t.Errorf("require(%q): message %q does not name the module", name, msg)
		}
		if code := e.Get("code").String(); code != "ERR_HOOKTERM_MODULE_REFUSED" {
			t.Errorf("require(%q): code %q", name, code)
		}
	}
}

func TestRequireUnknownModuleIsClear(t *testing.T) {
	rt := nodelibTestRuntime(t)
	for _, name := range []string{"lodash", "lodash@4.17.21", "./local", "/etc/passwd", "../x"} {
		e := nodelibTestThrows(t, rt, "require('"+name+"')")
		msg := e.Get("message").String()
		if !strings.HasPrefix(msg, "Cannot find module '"+ModuleName(name)+"'") || !strings.Contains(msg, "npm packages are not available") {
			t.Errorf("require(%q): %q", name, msg)
		}
		if e.Get("code").String() != "MODULE_NOT_FOUND" {
			t.Errorf("require(%q): code %v", name, e.Get("code"))
		}
	}
	if e := nodelibTestThrows(t, rt, "require(5)"); e.Get("code").String() != "ERR_INVALID_ARG_TYPE" {
		t.Errorf("require(5): %v", e.Get("message"))
	}
}

func TestRequireCachesModulesPerRuntime(t *testing.T) {
	rt := nodelibTestRuntime(t)
	if v := nodelibTestRun(t, rt, `require('crypto') === require('node:crypto') && require('util') === require('util@0.12.5')`); !v.ToBoolean() {
		t.Error("a module must be built once per runtime")
	}
	rt2 := nodelibTestRuntime(t)
	a := nodelibTestRun(t, rt, `require('events')`)
	b := nodelibTestRun(t, rt2, `require('events')`)
	if a.SameAs(b) {
		t.Error("two runtimes must not share a module instance")
	}
	nodelibTestRun(t, rt, `require('events').prototype.poisoned = true`)
	if v := nodelibTestRun(t, rt2, `require('events').prototype.poisoned === undefined`); !v.ToBoolean() {
		t.Error("a change to a module leaked into another runtime")
	}
}

func TestProcessEnvIsEmptyWhateverTheHostHas(t *testing.T) {
	t.Setenv("HOOKTERM_TEST_SECRET", "must-not-leak")
	if os.Getenv("HOOKTERM_TEST_SECRET") == "" {
		t.Fatal("setenv failed")
	}
	rt := nodelibTestRuntime(t)
	if got := nodelibTestRun(t, rt, `JSON.stringify(process.env) + Object.keys(process.env).length`).String(); got != "{}0" {
		t.Errorf("process.env = %s", got)
	}
	for _, src := range []string{`process.exit(1)`, `process.stdout`, `process.kill(1)`} {
		e := nodelibTestThrows(t, rt, src)
		if e.Get("code").String() != "ERR_HOOKTERM_NOT_SUPPORTED" {
			t.Errorf("%s: %v", src, e.Get("message"))
		}
	}
	if got := nodelibTestRun(t, rt, `process.version`).String(); got != NodeVersion {
		t.Errorf("process.version = %s", got)
	}
}

func TestQueueMicrotaskOrderAndErrors(t *testing.T) {
	var uncaught []string
	rt := goja.New()
	if err := Enable(rt, Options{OnUncaught: func(v goja.Value) { uncaught = append(uncaught, v.String()) }}); err != nil {
		t.Fatal(err)
	}
	got := nodelibTestRun(t, rt, `var o = []; Promise.resolve().then(() => o.push('p1')).then(() => o.push('p2'));
		queueMicrotask(() => o.push('mt')); process.nextTick((a) => o.push('tick ' + a), 'x');
		queueMicrotask(() => { throw new Error('boom'); }); o.push('sync'); o`)
	_ = got
	// Node runs "tick x" before p1 (its nextTick queue comes first): a documented difference.
	if s := nodelibTestRun(t, rt, `o.join(',')`).String(); s != "sync,p1,mt,tick x,p2" {
		t.Errorf("order %s", s)
	}
	if len(uncaught) != 1 || uncaught[0] != "Error: boom" {
		t.Errorf("uncaught = %v", uncaught)
	}
	e := nodelibTestThrows(t, rt, `queueMicrotask(5)`)
	if e.Get("code").String() != "ERR_INVALID_ARG_TYPE" {
		t.Errorf("queueMicrotask(5): %v", e.Get("message"))
	}
}

// TestInspectExpectationsCoverEveryCase catches a case added to the .js case files without
// regenerating testdata/inspect.json (node testdata/gen-inspect.js > testdata/inspect.json).
func TestInspectExpectationsCoverEveryCase(t *testing.T) {
	n := 0
	start := regexp.MustCompile(`(?m)^  \['[a-z_]+', ['"]`)
	for _, f := range []string{"testdata/inspect-cases.js", "testdata/module-cases.js"} {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		n += len(start.FindAll(src, -1))
	}
	raw, err := os.ReadFile("testdata/inspect.json")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(string(raw), `"kind":`); got != n {
		t.Errorf("testdata/inspect.json has %d cases, the case files %d: regenerate it with Node 20", got, n)
	}
}

func TestUnsupportedCryptoFailsLoudly(t *testing.T) {
	rt := nodelibTestRuntime(t)
	for _, src := range []string{`crypto.subtle.digest('SHA-256', new Uint8Array(1))`, `require('crypto').subtle`, `require('crypto').createCipheriv('aes-256-cbc', 'k', 'iv')`, `require('crypto').createSign('RSA-SHA256')`} {
		e := nodelibTestThrows(t, rt, src)
		if e.Get("code").String() != "ERR_HOOKTERM_NOT_SUPPORTED" || !strings.Contains(e.Get("message").String(), "not supported by hookterm") {
			t.Errorf("%s: %v", src, e.Get("message"))
		}
	}
}

func TestFetchRejectsWithAReason(t *testing.T) {
	rt := nodelibTestRuntime(t)
	v := nodelibTestRun(t, rt, `var out; fetch('https://example.com/api').catch((e) => { out = [e.code, e.message]; }); typeof fetch`)
	if v.String() != "function" {
		t.Fatalf("typeof fetch = %s", v)
	}
	got := nodelibTestRun(t, rt, `JSON.stringify(out)`).String()
	if got != `["ERR_HOOKTERM_NOT_SUPPORTED","fetch(\"https://example.com/api\") is not available: hooks run without network access in hookterm"]` {
		t.Errorf("fetch rejection: %s", got)
	}
}
