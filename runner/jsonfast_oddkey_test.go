package runner

import (
	"reflect"
	"testing"

	"github.com/hookterm/hookterm/trigger"
)

// An object with a key holding U+FFFD or a lone surrogate went to goja's serialiser, which
// applies no replacer and no indentation to it or to anything inside it: a replacer that hides
// passwords let one through. Expected values are Node 20's for the same calls.
func TestStringifyOddKeysKeepReplacerAndIndent(t *testing.T) {
	script := `module.exports = function (user, context, cb) {
  const redact = (k, v) => k === 'password' ? '***' : v;
  const out = [];
  out.push(JSON.stringify({password: 'hunter2', '\ufffd': 0}, redact));
  out.push(JSON.stringify({'\ufffd': 0, inner: {deep: {password: 'hunter2'}}}, redact));
  out.push(JSON.stringify({'\ufffd': [1]}, null, 1));
  out.push(JSON.stringify({['\ud800']: 1, a: 2}));
  out.push(JSON.stringify({['\ud800']: {password: 'p'}}, redact, '\t'));
  const o = {'\ufffd': 1}; o.self = o;
  try { JSON.stringify(o); } catch (e) { out.push(e.message); }
  cb(null, { out });
};`
	got := runnerTestResult(t, runnerTestRun(t, trigger.PostChangePassword, script, ""))["out"]
	want := []any{
		`{"password":"***","` + "\ufffd" + `":0}`,
		`{"` + "\ufffd" + `":0,"inner":{"deep":{"password":"***"}}}`,
		"{\n \"\ufffd\": [\n  1\n ]\n}",
		`{"\ud800":1,"a":2}`,
		"{\n\t\"\\ud800\": {\n\t\t\"password\": \"***\"\n\t}\n}",
		"Converting circular structure to JSON\n    --> starting at object with constructor 'Object'\n    --- property 'self' closes the circle",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
