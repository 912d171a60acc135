package runner

import (
	"strings"
	"testing"

	"github.com/hookterm/hookterm/trigger"
)

// A value that is not an Error, passed to the callback or thrown: Auth0's adapter wraps it in
// new Error(value.message || String(value)) and its envelope carries every own property of
// that Error, i.e. message and stack only (contract §1.1; the messages below are what Node 20
// gives new Error(v.message || String(v)) for each value). The value's own properties (code,
// statusCode…) never reach the caller, so the report does not show them as properties.
func TestNonErrorValueAsAuth0Wraps(t *testing.T) {
	cases := []struct {
		body    string
		message string
	}{
		{"cb({code: 'X'});", "[object Object]"},
		{"cb({code: 'X', message: 'denied'});", "denied"},
		{"cb({message: '', code: 1});", "[object Object]"},
		{"cb('plain string');", "plain string"},
		{"cb(42);", "42"},
		{"throw {code: 42, message: 'obj msg'};", "obj msg"},
		{"throw {code: 42};", "[object Object]"},
	}
	for _, c := range cases {
		t.Run(c.body, func(t *testing.T) {
			script := "module.exports = function (user, context, cb) {\n  " + c.body + "\n};\n"
			e := runnerTestRun(t, trigger.PreUserRegistration, script, "").Error
			if e == nil {
				t.Fatal("the hook succeeded")
			}
			if e.Name != "Error" || e.Message != c.message {
				t.Errorf("got %s: %q, want Error: %q", e.Name, e.Message, c.message)
			}
			if !strings.HasPrefix(e.Stack, "Error: "+c.message) {
				t.Errorf("stack %q, want it to start with Error: %s", e.Stack, c.message)
			}
			if e.Properties != nil {
				t.Errorf("properties %s: Auth0's envelope does not carry the value's own properties", e.Properties)
			}
		})
	}
}

// An Error's own properties are carried (the envelope spreads the Error itself).
func TestErrorOwnPropertiesCarried(t *testing.T) {
	script := "module.exports = function (user, context, cb) {\n  cb(Object.assign(new Error('m'), {code: 'X', statusCode: 400}));\n};\n"
	e := runnerTestRun(t, trigger.PreUserRegistration, script, "").Error
	if e == nil {
		t.Fatal("the hook succeeded")
	}
	if got, want := string(e.Properties), `{"code":"X","statusCode":400}`; got != want {
		t.Errorf("properties %s, want %s", got, want)
	}
}
