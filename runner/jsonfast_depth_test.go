package runner

import (
	"context"
	"testing"
	"time"

	"github.com/hookterm/hookterm/trigger"
)

// jsonDepthRun runs script with a time limit that building deep objects on a loaded machine
// cannot reach (runnerTestRun's is 300 ms).
func jsonDepthRun(t *testing.T, point trigger.ID, script string) *Report {
	t.Helper()
	rep, err := RunInProcess(context.Background(), Request{Script: script, Trigger: point, Timeout: 20 * time.Second})
	if err != nil {
		t.Fatalf("RunInProcess: %v", err)
	}
	return rep
}

// TestStringifyDepthAsV8 checks JSON.stringify's nesting limit: V8 throws RangeError:
// Maximum call stack size exceeded past 4,184 levels (Node 20, x64, default stack, called at
// the top level), and so does the runner, at once rather than after quadratic time in goja's
// serialiser; a cycle deep in the nesting is still the cycle TypeError; and a hook whose result
// is too deep fails as Auth0's adapter failed on an unserialisable result.
func TestStringifyDepthAsV8(t *testing.T) {
	script := `module.exports = function (user, context, cb) {
  const obj = (n) => { let a = {}, r = a; for (let i = 0; i < n; i++) { a.n = {}; a = a.n; } return r; };
  const arr = (n) => { let a = [], r = a; for (let i = 0; i < n; i++) { const b = []; a.push(b); a = b; } return r; };
  const attempt = (v) => { try { return String(JSON.stringify(v).length); } catch (e) { return e.name + ': ' + e.message; } };
  const cyclic = obj(100); let last = cyclic; while (last.n) last = last.n; last.back = cyclic.n.n;
  cb(null, { o4184: attempt(obj(4184)), o4185: attempt(obj(4185)), a4185: attempt(arr(4185)), o50000: attempt(obj(50000)), cycle: attempt(cyclic) });
};`
	rep := jsonDepthRun(t, trigger.PostChangePassword, script)
	got := runnerTestResult(t, rep)
	want := map[string]any{
		"o4184":  "25106", // 4,185 objects: '{"n":' 4,184 times, '{}', 4,184 '}'
		"o4185":  "RangeError: Maximum call stack size exceeded",
		"a4185":  "RangeError: Maximum call stack size exceeded",
		"o50000": "RangeError: Maximum call stack size exceeded",
		"cycle": "TypeError: Converting circular structure to JSON\n" +
			"    --> starting at object with constructor 'Object'\n" +
			"    |     property 'n' -> object with constructor 'Object'\n" +
			"    |     property 'n' -> object with constructor 'Object'\n" +
			"    |     ...\n" +
			"    |     property 'n' -> object with constructor 'Object'\n" +
			"    --- property 'back' closes the circle",
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: %v, want %v", k, got[k], w)
		}
	}

	deep := `module.exports = function (user, context, cb) {
  let a = {}, r = a; for (let i = 0; i < 20000; i++) { a.n = {}; a = a.n; }
  cb(null, { user: { user_metadata: { r } } });
};`
	rep = jsonDepthRun(t, trigger.PreUserRegistration, deep)
	if rep.OK || rep.Error == nil || rep.Error.Message != "Error when JSON serializing the result of the extension point" {
		t.Fatalf("a result nested 20,000 levels: %+v", rep.Error)
	}
}

// TestStringifyDepthWithOptions checks the nesting limit of JSON.stringify with a replacer,
// a property list or an indentation, and through a proxy: goja's serialiser, which these
// calls went to, had none (5,000 levels gave a string where Node throws RangeError, and
// 100,000 with an indentation ran for 18 s into the memory limit). Node 20 stops arrays under
// a replacer function at 2,239 levels and objects under a property list at 2,242 (V8's slow
// path uses more stack per level), the rest near 4,184 (bisected with Node at a script's top
// level; the runner's limits are within a level of those). Node gives this script's results.
func TestStringifyDepthWithOptions(t *testing.T) {
	script := `module.exports = function (user, context, cb) {
  const deep = (n, arr) => { let o = 1; for (let i = 0; i < n; i++) o = arr ? [o] : { a: o }; return o; };
  const attempt = (f) => { try { return String(f().length); } catch (e) { return e.name + ': ' + e.message; } };
  const id = (k, v) => v;
  cb(null, {
    replacerObj4180: attempt(() => JSON.stringify(deep(4180), id)),
    replacerObj4190: attempt(() => JSON.stringify(deep(4190), id)),
    replacerArr2200: attempt(() => JSON.stringify(deep(2200, true), id)),
    replacerArr2300: attempt(() => JSON.stringify(deep(2300, true), id)),
    allowObj2240: attempt(() => JSON.stringify(deep(2240), ['a'])),
    allowObj2250: attempt(() => JSON.stringify(deep(2250), ['a'])),
    allowArr4180: attempt(() => JSON.stringify(deep(4180, true), ['a'])),
    indent4184: attempt(() => JSON.stringify(deep(4184), null, 1)),
    indent4190: attempt(() => JSON.stringify(deep(4190, true), null, 1)),
    indent100000: attempt(() => JSON.stringify(deep(100000), null, 1)),
    proxy4190: attempt(() => JSON.stringify(new Proxy(deep(4190), {}))),
    reviver2726: attempt(() => JSON.stringify(JSON.parse('{"a":'.repeat(2726) + '1' + '}'.repeat(2726), id))),
    reviver2727: attempt(() => JSON.parse('{"a":'.repeat(2727) + '1' + '}'.repeat(2727), id)),
    reviverArr2727: attempt(() => JSON.stringify(JSON.parse('['.repeat(2727) + ']'.repeat(2727), id))),
    reviver100000: attempt(() => JSON.parse('['.repeat(100000) + '1' + ']'.repeat(100000), id)),
    reviverSyntax: attempt(() => JSON.parse('['.repeat(5000) + ']'.repeat(4999), id)),
  });
};`
	rep := jsonDepthRun(t, trigger.PostChangePassword, script)
	got := runnerTestResult(t, rep)
	const rangeErr = "RangeError: Maximum call stack size exceeded"
	want := map[string]any{
		"replacerObj4180": "25081", // '{"a":' 4,180 times, '1', 4,180 '}'
		"replacerObj4190": rangeErr,
		"replacerArr2200": "4401",
		"replacerArr2300": rangeErr,
		"allowObj2240":    "13441",
		"allowObj2250":    rangeErr,
		"allowArr4180":    "8361",
		"indent4184":      "17543513", // the indentation grows by one space per level
		"indent4190":      rangeErr,
		"indent100000":    rangeErr,
		"proxy4190":       rangeErr,
		"reviver2726":     "16357",
		"reviver2727":     rangeErr,
		"reviverArr2727":  "5454", // the innermost array is empty: 2,726 levels count
		"reviver100000":   rangeErr,
		"reviverSyntax":   "SyntaxError: Expected ',' or ']' after array element in JSON at position 9999",
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: %v, want %v", k, got[k], w)
		}
	}
}
