package runner

import (
	"strings"
	"testing"

	"github.com/hookterm/hookterm/trigger"
)

// A script that uses process.nextTick is entered through the prelude's enter on every turn;
// none of that may show: module code still runs with this === module.exports (as in Node's
// CommonJS), and errors from the module, the hook and a timer have only the user's frames.
func TestNextTickEntryIsInvisible(t *testing.T) {
	rep := runnerTestRun(t, trigger.PostChangePassword, `process.nextTick(() => {});
const moduleThis = this === module.exports;
module.exports = function (user, context, cb) { cb(null, { moduleThis }); };`, "")
	if got := runnerTestResult(t, rep); got["moduleThis"] != true {
		t.Fatalf("module this: %v", got)
	}
	cases := map[string]string{
		"module": "process.nextTick(() => {});\nconst x = null;\nx.y;\nmodule.exports = function (u, c, cb) { cb(); };",
		"hook":   "module.exports = function (u, c, cb) {\n  process.nextTick(() => {});\n  null.x;\n};",
		"timer":  "module.exports = function (u, c, cb) {\n  process.nextTick(() => {});\n  setTimeout(() => { undefinedFn(); }, 1);\n};",
	}
	for name, script := range cases {
		rep := runnerTestRun(t, trigger.PostChangePassword, script, "")
		if rep.OK || rep.Error == nil {
			t.Fatalf("%s: want a failed run, got %+v", name, rep)
		}
		if rep.Error.Line != 3 {
			t.Errorf("%s: error at line %d, want 3", name, rep.Error.Line)
		}
		frames := strings.Split(rep.Error.Stack, "\n")[1:]
		if len(frames) == 0 {
			t.Errorf("%s: no frames in %q", name, rep.Error.Stack)
		}
		for _, l := range frames {
			if !strings.Contains(l, "hook.js:") {
				t.Errorf("%s: a frame that is not the user's: %q in\n%s", name, l, rep.Error.Stack)
			}
		}
	}
}
