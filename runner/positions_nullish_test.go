package runner

import (
	"reflect"
	"strings"
	"testing"

	"github.com/dop251/goja/ast"

	"github.com/hookterm/hookterm/trigger"
)

// Errors of constructs goja records no position for (the literal null, destructuring,
// for-of, `in`, `new`): message and position as Node 20 reports them for the same hook (the
// first frame of err.stack), each checked by running the hook under Node. goja placed most of
// them on the function's header (line 1, column 18) in its own words.
func TestNullishConstructsAsV8(t *testing.T) {
	cases := []struct {
		body    string
		col     int
		message string
	}{
		{"const {a} = null;", 10, "Cannot destructure property 'a' of 'null' as it is null."},
		{"const {} = null;", 9, "Cannot destructure 'null' as it is null."},
		{"const {a} = null, {c} = user;", 10, "Cannot destructure property 'a' of 'null' as it is null."},
		{"({a: b} = null); var b;", 8, "Cannot destructure property 'a' of 'null' as it is null."},
		{`const {"q": r} = null;`, 15, "Cannot destructure property 'q' of 'null' as it is null."},
		{"const f = () => { const {a} = null; }; f();", 28, "Cannot destructure property 'a' of 'null' as it is null."},
		// goja's position was right for these, its wording not.
		{"const {b} = undefined;", 10, "Cannot destructure property 'b' of 'undefined' as it is undefined."},
		{"let k = 1; const {p} = user.a;", 21, "Cannot destructure property 'p' of 'user.a' as it is undefined."},
		// Node: "Cannot destructure property 'a' of '日本.x' as it is undefined." The runner
		// proves null or undefined only from object data (payload, object literals); it keeps
		// goja's wording rather than guess, at V8's position.
		{"const 日本 = 1; const {a} = 日本.x;", 24, "Value is not object coercible"},
		{"const [x] = null;", 15, "null is not iterable"},
		{"const [z] = null; const {a} = null;", 15, "null is not iterable"},
		{"for (const x of null) ;", 19, "null is not iterable"},
		{"for (const x of undefined) ;", 19, "undefined is not iterable"},
		{"const u = undefined; for (const x of u) ;", 40, "u is not iterable"},
		{"new null();", 3, "null is not a constructor"},
		{"const u = 5; new u();", 16, "u is not a constructor"},
		{"new user.a();", 3, "user.a is not a constructor"},
		// goja: "Value is not a constructor" for an object that is not one.
		{"const u = {}; new u();", 17, "u is not a constructor"},
		{"const u = {a: 1}; new u.a();", 21, "u.a is not a constructor"},
		{"'x' in null;", 7, "Cannot use 'in' operator to search for 'x' in null"},
		{"1 in null;", 5, "Cannot use 'in' operator to search for '1' in null"},
		{`let k = 1; "x" in user.a;`, 18, "Cannot use 'in' operator to search for 'x' in undefined"},
		{"null.toString();", 8, "Cannot read properties of null (reading 'toString')"},
		// A const bound to null under a non-ASCII name (goja keeps such names in UTF-16).
		{"const 日本 = null; 日本.x;", 23, "Cannot read properties of null (reading 'x')"},
	}
	for _, c := range cases {
		t.Run(c.body, func(t *testing.T) {
			e := positionsTestLine2(t, c.body, "  cb(null, {});\n", "", c.message, c.col)
			if strings.Contains(e.Stack, "hook.js:1:18") {
				t.Errorf("stack %q still points at the function's header", e.Stack)
			}
		})
	}
}

// Where the failing construct cannot be told from the source, goja's message and position
// are kept rather than a guess: here the first destructuring of null is in a branch (Node:
// "Cannot destructure property 'b' …" at 2:43, the second one).
func TestNullishConstructAmbiguousKeepsGoja(t *testing.T) {
	script := "module.exports = function (user, context, cb) {\n  if (false) { const {a} = null; } const {b} = null;\n};\n"
	e := runnerTestRun(t, trigger.PreUserRegistration, script, "").Error
	if e == nil {
		t.Fatal("the hook succeeded")
	}
	if e.Message != "Value is not object coercible" || e.Line != 1 {
		t.Errorf("got %q at %d:%d, want goja's message kept at its position", e.Message, e.Line, e.Column)
	}
}

// A native constructor rejecting its argument raises goja's "Value is not an object: 5" at
// the `new` too: it must not read as "Promise is not a constructor" (Node: "Promise resolver
// 5 is not a function"), so goja's message is kept.
func TestNewOfNativeConstructorKeepsGoja(t *testing.T) {
	for _, body := range []string{"new Promise(5);", "const P = Promise; new P(5);"} {
		t.Run(body, func(t *testing.T) {
			script := "module.exports = function (user, context, cb) {\n  " + body + "\n};\n"
			e := runnerTestRun(t, trigger.PreUserRegistration, script, "").Error
			if e == nil {
				t.Fatal("the hook succeeded")
			}
			if strings.Contains(e.Message, "is not a constructor") {
				t.Errorf("got %q: the callee is a constructor", e.Message)
			}
		})
	}
}

// In the script's top-level code goja's position is the module wrapper's header (1:0);
// Node's (checked by requiring each script under Node 20) is the construct's.
func TestNullishConstructsAtTopLevel(t *testing.T) {
	cases := []struct {
		first   string
		col     int
		message string
	}{
		{"const {a} = null;", 8, "Cannot destructure property 'a' of 'null' as it is null."},
		{"null.toString();", 6, "Cannot read properties of null (reading 'toString')"},
	}
	for _, c := range cases {
		t.Run(c.first, func(t *testing.T) {
			script := c.first + "\nmodule.exports = function (user, context, cb) {\n  cb(null, {});\n};\n"
			e := runnerTestRun(t, trigger.PreUserRegistration, script, "").Error
			if e == nil {
				t.Fatal("the hook succeeded")
			}
			if e.Message != c.message || e.Line != 1 || e.Column != c.col {
				t.Errorf("got %q at %d:%d, want %q at 1:%d", e.Message, e.Line, e.Column, c.message, c.col)
			}
			if want := "hook.js:1:" + itoa(c.col); !strings.Contains(e.Stack+"\n", want+"\n") && !strings.Contains(e.Stack, want+")") {
				t.Errorf("stack %q does not hold %s", e.Stack, want)
			}
		})
	}
}

// The walkers descend only into goja's syntax tree, named by its import path.
func TestASTPackagePath(t *testing.T) {
	if got := reflect.TypeOf(ast.Program{}).PkgPath(); got != astPkgPath {
		t.Errorf("goja's ast package is %q, astPkgPath says %q", got, astPkgPath)
	}
}

// Destructuring whose failing value the source and data cannot prove keeps goja's wording
// (at V8's position) rather than guess "undefined": QA found the guess wrong for nested
// patterns (the inner value was the null one) and for values that are null but not proven.
func TestDestructuringWordOnlyWhenProven(t *testing.T) {
	payload := `{"user":{"email":"a@b.c","user_metadata":{"n":null,"o":{"n":null}}},"context":{"connection":{"id":"con_1","name":"db","tenant":"t"}}}`
	cases := []struct{ body, message string }{
		{"var {n: {x}} = user.user_metadata;", "Value is not object coercible"},
		{"var a = {b: null}; var {b: {c}} = a;", "Value is not object coercible"},
		{"var a = null; const {b} = a;", "Value is not object coercible"},
		// Proven from the payload: null, and a key it does not have.
		{"const {q} = user.user_metadata.n;", "Cannot destructure property 'q' of 'user.user_metadata.n' as it is null."},
		{"const {q} = user.user_metadata.missing;", "Cannot destructure property 'q' of 'user.user_metadata.missing' as it is undefined."},
	}
	for _, c := range cases {
		t.Run(c.body, func(t *testing.T) {
			script := "module.exports = function (user, context, cb) {\n  " + c.body + "\n};\n"
			e := runnerTestRun(t, trigger.PreUserRegistration, script, payload).Error
			if e == nil || e.Name != "TypeError" || e.Message != c.message || e.Line != 2 {
				t.Errorf("got %+v, want TypeError %q on line 2", e, c.message)
			}
		})
	}
}
