package runner

import (
	"testing"

	"github.com/hookterm/hookterm/trigger"
)

func TestDetectTrigger(t *testing.T) {
	cases := []struct {
		script string
		want   trigger.ID
		ok     bool
	}{
		{"module.exports = function (client, scope, audience, context, cb) { cb(); };", trigger.CredentialsExchange, true},
		{"module.exports = async (a, b, c, d, e) => {};", trigger.CredentialsExchange, true},
		{"function (recipient, text, context, cb) {}", trigger.SendPhoneMessage, true},
		{"return function (r, t, c, cb) {};", trigger.SendPhoneMessage, true},
		{"function hook(client, s, a, c, cb) {}\nmodule.exports = hook;", trigger.CredentialsExchange, true},
		{"const hook = function (recipient, t, c, cb) {};\nmodule.exports = hook;", trigger.SendPhoneMessage, true},
		{"module.exports = function (user, context, cb) { cb(); };", "", false},
		{"module.exports = 42;", "", false},
		{"this is not javascript", "", false},
	}
	for _, c := range cases {
		got, ok := DetectTrigger(c.script)
		if got != c.want || ok != c.ok {
			t.Errorf("%q: got %q %v, want %q %v", c.script, got, ok, c.want, c.ok)
		}
	}
	for _, p := range trigger.All() {
		got, ok := DetectTrigger(p.Starter)
		wantOK := len(p.Args) != 2
		if ok != wantOK || (ok && got != p.ID) {
			t.Errorf("starter of %s: got %q %v", p.ID, got, ok)
		}
	}
}

func TestCheckSyntax(t *testing.T) {
	if err := CheckSyntax("module.exports = function (u, c, cb) { cb(); };"); err != nil {
		t.Fatalf("valid script: %v", err)
	}
	if err := CheckSyntax("function (u, c, cb) { cb(); }"); err != nil {
		t.Fatalf("bare function: %v", err)
	}
	err := CheckSyntax("module.exports = function (u, c, cb) {\n  cb(;\n};")
	if err == nil || err.Kind != KindSyntax || err.Line != 2 || err.Column != 6 {
		t.Fatalf("got %+v", err)
	}
	err = CheckSyntax("let x = 1; let x = 2;")
	if err == nil || err.Line != 1 || err.Column < 12 {
		t.Fatalf("redeclaration: got %+v", err)
	}
}
