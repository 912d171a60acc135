package runner

import (
	"reflect"
	"testing"

	"github.com/hookterm/hookterm/trigger"
)

// TestJSONParseThrowsV8Messages checks what a hook sees when JSON.parse fails: V8's
// SyntaxError wording (as Node 20 prints it), for string and non-string arguments, while a
// reviver's own exception and a symbol's TypeError pass through unchanged.
func TestJSONParseThrowsV8Messages(t *testing.T) {
	script := `module.exports = function (user, context, cb) {
  const out = [];
  const attempt = (f) => { try { out.push('ok ' + JSON.stringify(f())); } catch (e) { out.push((e instanceof SyntaxError ? 'SyntaxError' : e.name) + ': ' + e.message); } };
  attempt(() => JSON.parse('{"a": }'));
  attempt(() => JSON.parse('{"a":1,"b"}'));
  attempt(() => JSON.parse(''));
  attempt(() => JSON.parse(context.nothing));
  attempt(() => JSON.parse({ already: 'parsed' }));
  attempt(() => JSON.parse(Buffer.from('{"x":[1,2]}')));
  attempt(() => JSON.parse(Buffer.from('{"x":')));
  attempt(() => JSON.parse('{"a":1}', () => { throw new SyntaxError('from the reviver'); }));
  attempt(() => JSON.parse('[1,', (k, v) => v));
  attempt(() => JSON.parse(Symbol('s')));
  attempt(() => JSON.parse('{"a":[1,2]}', (k, v) => (typeof v === 'number' ? v * 10 : v)));
  cb(null, { out });
};`
	rep := runnerTestRun(t, trigger.PostUserRegistration, script, "")
	if !rep.OK {
		t.Fatalf("run failed: %+v", rep.Error)
	}
	// Node 20 prints these for the same calls.
	want := []any{
		`SyntaxError: Unexpected token '}', "{"a": }" is not valid JSON`,
		`SyntaxError: Unexpected token '}', "{"a":1,"b"}" is not valid JSON`,
		`SyntaxError: Unexpected end of JSON input`,
		`SyntaxError: "undefined" is not valid JSON`,
		`SyntaxError: "[object Object]" is not valid JSON`,
		`ok {"x":[1,2]}`,
		`SyntaxError: Unexpected end of JSON input`,
		`SyntaxError: from the reviver`,
		`SyntaxError: Unexpected end of JSON input`,
		`TypeError: Cannot convert a Symbol value to a string`,
		`ok {"a":[10,20]}`,
	}
	got := runnerTestResult(t, rep)["out"]
	if !reflect.DeepEqual(got, want) {
		t.Errorf("JSON.parse outcomes:\n got %q\nwant %q", got, want)
	}
}

// TestUncaughtJSONParseErrorPointsAtTheCall checks that an uncaught JSON.parse error fails the
// hook with V8's message at the call's line and column in the user's script.
func TestUncaughtJSONParseErrorPointsAtTheCall(t *testing.T) {
	script := "module.exports = function (user, context, cb) {\n  const body = JSON.parse('{\"a\":1 \"b\":2}');\n  cb(null, body);\n};"
	rep := runnerTestRun(t, trigger.PostUserRegistration, script, "")
	if rep.OK || rep.Error == nil {
		t.Fatalf("want a failed run, got %+v", rep)
	}
	if rep.Error.Name != "SyntaxError" || rep.Error.Message != "Expected ',' or '}' after property value in JSON at position 7" {
		t.Errorf("error %s: %s", rep.Error.Name, rep.Error.Message)
	}
	if rep.Error.Line != 2 || rep.Error.Column != 26 {
		t.Errorf("error at %d:%d, want 2:26 (the call's parenthesis, as for other failed calls)", rep.Error.Line, rep.Error.Column)
	}
}
