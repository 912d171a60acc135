package runner

import "testing"

// TypeErrors on a member of null or undefined, and failed calls: message and position as
// Node 20 reports them for the same line (the first frame of err.stack), each checked by
// running the hook under Node.
func TestMemberOfNullishAsV8(t *testing.T) {
	cases := []struct {
		body    string
		col     int
		message string
	}{
		// goja: "… of undefined or null" at the o; V8 names null and points at bar.
		{"const o = null; o.bar();", 21, "Cannot read properties of null (reading 'bar')"},
		{"const o = null; o.x;", 21, "Cannot read properties of null (reading 'x')"},
		{"null.x;", 8, "Cannot read properties of null (reading 'x')"},
		{"const o = null; o['x'];", 20, "Cannot read properties of null (reading 'x')"},
		// goja: "Cannot convert undefined or null to object" at x; V8 at the '='.
		{"const o = null; o.x = 1;", 23, "Cannot set properties of null (setting 'x')"},
		{"var s = {b: {}}; s.b.c.d = 1;", 28, "Cannot set properties of undefined (setting 'd')"},
		{"var s = {b: {}}; s.b.c.d();", 26, "Cannot read properties of undefined (reading 'd')"},
		// The parameter o shadows the const: undefined, as Node says.
		{"const o = null; function g(o) { o.bar(); } g();", 37, "Cannot read properties of undefined (reading 'bar')"},
		{"const o = null; (function () { var o; o.bar(); })();", 43, "Cannot read properties of undefined (reading 'bar')"},
		// goja points at the '(' of a failed call, V8 at the callee's name.
		{"var s = \"日本語\"; s.foo();", 20, "s.foo is not a function"},
		{"var f; f();", 10, "f is not a function"},
		// Raised inside a built-in: V8 names the argument, not the callee (goja said
		// "Value is not an object: 5", which read as "arr.map is not a function").
		{"var arr = []; arr.map(5);", 21, "5 is not a function"},
	}
	for _, c := range cases {
		t.Run(c.body, func(t *testing.T) { positionsTestLine2(t, c.body, "", "", c.message, c.col) })
	}
}
