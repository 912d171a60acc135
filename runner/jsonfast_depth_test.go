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
