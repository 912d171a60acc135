package runner

import (
	"strings"
	"testing"

	"github.com/hookterm/hookterm/trigger"
)

const nullMetadataPayload = `{"user": {"tenant": "t", "username": "u", "email": "u@example.com", "user_metadata": null, "app_metadata": {"plan": "full"}}, "context": {"requestLanguage": "en-us", "connection": {"id": "con_1", "name": "db", "tenant": "t"}}}`

// A member of a null property value: Node says "of null" (each expected message and
// position checked by running the hook under Node 20 with the same payload); goja said
// "of undefined".
func TestNullPropertyValueAsV8(t *testing.T) {
	cases := []struct {
		body    string
		col     int
		message string
	}{
		{"user.user_metadata.plan;", 22, "Cannot read properties of null (reading 'plan')"},
		{"const plan = user.user_metadata.plan; cb(null, {plan});", 35, "Cannot read properties of null (reading 'plan')"},
		{"if (user.email) { user.user_metadata.plan = 1; }", 45, "Cannot set properties of null (setting 'plan')"},
		{"user.user_metadata.get('x');", 22, "Cannot read properties of null (reading 'get')"},
		{"const n = {a: null}; n.a.b;", 28, "Cannot read properties of null (reading 'b')"},
		{"const n = {a: null}; n.a.b = 1;", 30, "Cannot set properties of null (setting 'b')"},
		{"const n = {'a': {b: null}}; if (n.a.b.c === 1) {}", 41, "Cannot read properties of null (reading 'c')"},
		// Destructuring a null property value.
		{"const {plan} = user.user_metadata;", 10, "Cannot destructure property 'plan' of 'user.user_metadata' as it is null."},
		{"const {plan} = user.nothere;", 10, "Cannot destructure property 'plan' of 'user.nothere' as it is undefined."},
		{"const n = {a: null}; const {b} = n.a;", 31, "Cannot destructure property 'b' of 'n.a' as it is null."},
	}
	for _, c := range cases {
		t.Run(c.body, func(t *testing.T) { positionsTestLine2(t, c.body, "", nullMetadataPayload, c.message, c.col) })
	}
}

// Where the script may have changed the data (an alias, a call taking the object, an
// assignment to the property), null is not claimed. In each of these the value really is
// undefined by then (Node: "of undefined"), though the payload or the literal says null.
func TestNullPropertyValueNotClaimedWhenChanged(t *testing.T) {
	for _, body := range []string{
		"const md = user; md.user_metadata = undefined; user.user_metadata.plan;",
		"function f(u) { u.user_metadata = undefined; } f(user); user.user_metadata.plan;",
		"user.user_metadata = undefined; user.user_metadata.plan;",
		"const n = {a: null}; const m = n; m.a = undefined; n.a.b;",
		"const n = {a: null}; Object.assign(n, {a: undefined}); n.a.b;",
		"let n = {a: null}; n = {}; n.a.b;",
	} {
		t.Run(body, func(t *testing.T) {
			script := "module.exports = function (user, context, cb) {\n  " + body + "\n};\n"
			e := runnerTestRun(t, trigger.PreUserRegistration, script, nullMetadataPayload).Error
			if e == nil {
				t.Fatal("the hook succeeded")
			}
			if !strings.Contains(e.Message, "of undefined (") {
				t.Errorf("got %q, want the member of undefined Node reports", e.Message)
			}
		})
	}
}
