package runner

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/hookterm/hookterm/trigger"
)

// Columns are V8's: UTF-16 code units. Every expected position below is what Node 20 reports
// for the same script (the first frame of err.stack when the hook is required and called,
// or the caret of `node --check` for syntax errors).
func TestColumnsCountUTF16CodeUnits(t *testing.T) {
	cases := []struct {
		name, script string
		line, col    int
		message      string
	}{
		// Node: at module.exports (cjk2.js:2:24); goja counted bytes: 2:30.
		{"cjk", "module.exports = function (user, context, cb) {\n  var s = \"日本語\"; s.foo.bar;\n};\n",
			2, 24, "Cannot read properties of undefined (reading 'bar')"},
		// Node: 2:25 (each emoji is two UTF-16 units, four bytes); goja: 2:29.
		{"emoji", "module.exports = function (user, context, cb) {\n  var s = \"😀😀\"; s.foo.bar;\n};\n",
			2, 25, "Cannot read properties of undefined (reading 'bar')"},
		// Line 1 goes through the wrapper's source map: Node 1:72.
		{"line one", "module.exports = function (user, context, cb) { var s = \"日本語😀\"; s.foo.bar; };\n",
			1, 72, "Cannot read properties of undefined (reading 'bar')"},
		// The call printer reads the source by characters: the message must survive the CJK.
		{"call", "module.exports = function (user, context, cb) {\n  var s = \"日本語\"; s.foo();\n};\n",
			2, 0, "s.foo is not a function"},
		// Syntax errors: Node 2:26 (goja 2:32) and 1:72.
		{"syntax", "module.exports = function (user, context, cb) {\n  var s = \"日本語\"; let y = ;\n};\n",
			2, 26, "Unexpected token ';'"},
		{"syntax line one", "module.exports = function (user, context, cb) { var s = \"日本語\"; let y = ; };\n",
			1, 72, "Unexpected token ';'"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rep := runnerTestRun(t, trigger.PreUserRegistration, c.script, "")
			e := rep.Error
			if e == nil {
				t.Fatalf("the hook succeeded")
			}
			if e.Message != c.message {
				t.Errorf("message %q, want %q", e.Message, c.message)
			}
			if c.col == 0 {
				return
			}
			if e.Line != c.line || e.Column != c.col {
				t.Errorf("position %d:%d, want %d:%d (Node's)", e.Line, e.Column, c.line, c.col)
			}
			if want := ":" + itoa(c.line) + ":" + itoa(c.col); !strings.Contains(e.Stack, "hook.js"+want) {
				t.Errorf("stack %q does not hold hook.js%s", e.Stack, want)
			}
		})
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestUnsupportedRegexpColumnIsUTF16(t *testing.T) {
	script := "module.exports = function (user, context, cb) {\n  var s = \"日本語\"; if (/\\p{L}/u.test(s)) cb();\n};\n"
	e := CheckSyntax(script)
	if e == nil {
		t.Fatal("a \\p{…} regular expression was accepted")
	}
	// The regular expression starts at UTF-16 column 22 (byte column 28).
	if e.Line != 2 || e.Column != 22 {
		t.Errorf("position %d:%d, want 2:22", e.Line, e.Column)
	}
}

func TestColumnByteOffset(t *testing.T) {
	line := "a日😀b"
	cases := []struct{ col, want int }{
		{1, 0},  // a
		{2, 1},  // 日
		{3, 4},  // 😀 (two units)
		{4, 4},  // the second unit of 😀: its character
		{5, 8},  // b
		{6, 9},  // past the end
		{99, 9}, // far past the end
		{0, 0},
	}
	for _, c := range cases {
		if got := ColumnByteOffset(line, c.col); got != c.want {
			t.Errorf("ColumnByteOffset(%q, %d) = %d, want %d", line, c.col, got, c.want)
		}
	}
}

func TestCharColumn(t *testing.T) {
	script := "x\na日😀b\n"
	cases := []struct{ col, want int }{{1, 1}, {2, 2}, {3, 3}, {5, 4}, {6, 5}}
	for _, c := range cases {
		if got := CharColumn(script, 2, c.col); got != c.want {
			t.Errorf("CharColumn(line 2, %d) = %d, want %d", c.col, got, c.want)
		}
	}
	if got := CharColumn(script, 9, 4); got != 4 {
		t.Errorf("a line past the script: %d, want the column unchanged", got)
	}
}

// V8's wording and positions for syntax errors, from `node --check` on Node 20 for each
// script (goja's own wording and position are in the comments).
func TestSyntaxErrorsAsV8ReportsThem(t *testing.T) {
	const head = "module.exports = function (user, context, cb) {\n"
	cases := []struct {
		name, script string
		line, col    int
		message      string
	}{
		// goja: "Unexpected token (" at 1:10, the expression form hidden behind the statement form.
		{"bare function body", "function (recipient, text, context, cb) {\n  var x = ;\n}\n", 2, 11, "Unexpected token ';'"},
		// goja: "Unexpected token )" at 3:1, the wrapper's.
		{"missing brace", head + "  cb();\n", 3, 1, "Unexpected end of input"},
		{"bare missing brace", "function (recipient, text, context, cb) {\n  cb();\n\n", 4, 1, "Unexpected end of input"},
		// goja: "Unexpected token ;" at 2:11, "Unexpected number" at the 2, "Unexpected
		// identifier"…; V8 knows it is in an argument list and points at the last argument.
		{"missing paren", head + "  foo(1, 2;\n};\n", 2, 10, "missing ) after argument list"},
		{"missing paren at line end", head + "  cb(null, {scope}\n};\n", 2, 18, "missing ) after argument list"},
		// The inner function's '}' is the last argument's end; the script lacks a '}' too.
		{"missing paren after function", head + "  foo(function () {\n};\n", 3, 1, "missing ) after argument list"},
		{"missing comma", head + "  foo(1 2);\n};\n", 2, 7, "missing ) after argument list"},
		{"missing comma after name", head + "  foo(a.bar c);\n};\n", 2, 9, "missing ) after argument list"},
		{"missing comma after string", head + "  foo(\"str\" 1);\n};\n", 2, 7, "missing ) after argument list"},
		{"missing comma after template", head + "  foo(`t` x);\n};\n", 2, 7, "missing ) after argument list"},
		{"missing comma in new", head + "  new Foo(1 2);\n};\n", 2, 11, "missing ) after argument list"},
		// Not an argument list, or an empty one: V8 says what goja says.
		{"empty arguments", head + "  cb(;\n};\n", 2, 6, "Unexpected token ';'"},
		{"if without paren", head + "  if (x { y(); }\n};\n", 2, 9, "Unexpected token '{'"},
		{"array without comma", head + "  var q = [1 2];\n};\n", 2, 14, "Unexpected number"},
		// One brace too many: Node fails at that brace, not at the wrapper's.
		{"extra brace at end", head + "  x = 1;\n};\n}\n", 4, 1, "Unexpected token '}'"},
		{"extra brace then code", head + "  cb(); }; x();\n};\n", 3, 1, "Unexpected token '}'"},
		// goja: "Unexpected identifier" at 2:16.
		{"await", head + "  return await foo();\n  cb(null, {});\n};\n", 2, 10, "await is only valid in async functions and the top level bodies of modules"},
		{"await new", head + "  x = await\tnew Foo();\n};\n", 2, 7, "await is only valid in async functions and the top level bodies of modules"},
		// In an async function a bare await is V8's plain unexpected token.
		{"await in async", head + "  var v = async () => { await; };\n};\n", 2, 30, "Unexpected token ';'"},
		// goja: "Unexpected token ILLEGAL".
		{"unterminated string", head + "  var s = 'unterminated;\n  cb(null, {});\n};\n", 2, 11, "Invalid or unexpected token"},
		// goja: "Unexpected token ," at 2:18, one past the comma.
		{"double comma", head + "  var x = {a: 1,,};\n  cb(null, {});\n};\n", 2, 17, "Unexpected token ','"},
		{"double comma in call", head + "  cb(null, {a: 1,,});\n};\n", 2, 18, "Unexpected token ','"},
		{"identifier", head + "  var o = {a:1 b:2};\n};\n", 2, 16, "Unexpected identifier 'b'"},
		{"keyword", head + "  var class = 1;\n};\n", 2, 7, "Unexpected token 'class'"},
		{"operator", head + "  x = 1 +* 2;\n};\n", 2, 10, "Unexpected token '*'"},
		{"continue", head + "  continue;\n};\n", 2, 3, "Illegal continue statement: no surrounding iteration statement"},
		{"continue label", head + "  lbl: { continue lbl; }\n};\n", 2, 19, "Illegal continue statement: 'lbl' does not denote an iteration statement"},
		{"undefined label", head + "  while (1) { continue nope; }\n};\n", 2, 24, "Undefined label 'nope'"},
		// Regular expression literals: goja gives the bare reason, or Go's regexp wording.
		{"regexp group", head + "  var r = /(/g;\n};\n", 2, 11, "Invalid regular expression: /(/g: Unterminated group"},
		{"regexp class", head + "  var r = /[/(]+(/i;\n};\n", 2, 11, "Invalid regular expression: /[/(]+(/i: Unterminated group"},
		{"regexp repeat", head + "  var x = 1, r = /+/;\n};\n", 2, 18, "Invalid regular expression: /+/: Nothing to repeat"},
		{"regexp nested repeat", head + "  var r = /a**/;\n};\n", 2, 11, "Invalid regular expression: /a**/: Nothing to repeat"},
		{"regexp range", head + "  var r = /[b-a]/;\n};\n", 2, 11, "Invalid regular expression: /[b-a]/: Range out of order in character class"},
		{"regexp flags", head + "  var r = /a/gg;\n};\n", 2, 11, "Invalid regular expression flags"},
		// Unchanged: goja already says what V8 says.
		{"string", head + "  var o = {a:1 \"b\":2};\n};\n", 2, 16, "Unexpected string"},
		{"redeclared", head + "  const a = 1; const a = 2;\n};\n", 2, 22, "Identifier 'a' has already been declared"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := CheckSyntax(c.script)
			if e == nil {
				t.Fatal("the script parsed")
			}
			if e.Message != c.message || e.Line != c.line || e.Column != c.col {
				t.Errorf("got %q at %d:%d, want %q at %d:%d", e.Message, e.Line, e.Column, c.message, c.line, c.col)
			}
			if want := "SyntaxError: " + c.message + "\n    at hook.js:" + itoa(c.line) + ":" + itoa(c.col); e.Stack != want {
				t.Errorf("stack %q, want %q", e.Stack, want)
			}
		})
	}
}

// The same reports reach a run (through the program cache) unchanged.
func TestSyntaxErrorInRunReport(t *testing.T) {
	rep := runnerTestRun(t, trigger.SendPhoneMessage, "function (recipient, text, context, cb) {\n  var x = ;\n}\n", "")
	if e := rep.Error; e == nil || e.Kind != KindSyntax || e.Message != "Unexpected token ';'" || e.Line != 2 || e.Column != 11 {
		t.Fatalf("error %+v, want the body's SyntaxError at 2:11", rep.Error)
	}
}

// Node accepts a hashbang first line (the QA's shebang.js fails at 3:8 under Node, reading
// null.x); it must neither be a syntax error nor move any line.
func TestHashbangLineIsAccepted(t *testing.T) {
	script := "#!/usr/bin/env node\nmodule.exports = function (user, context, cb) {\n  var s = \"😀\"; null.x;\n};\n"
	rep := runnerTestRun(t, trigger.PreUserRegistration, script, "")
	e := rep.Error
	if e == nil || e.Kind != KindRuntime {
		t.Fatalf("error %+v, want the runtime TypeError", e)
	}
	// Node: at module.exports (hb.js:3:22).
	if e.Line != 3 || e.Column != 22 {
		t.Errorf("position %d:%d, want 3:22", e.Line, e.Column)
	}
	ok := runnerTestRun(t, trigger.PreUserRegistration, "#!/usr/bin/env node\nmodule.exports = function (user, context, cb) { cb(null, {}); };\n", "")
	if !ok.OK {
		t.Errorf("a hook with a hashbang failed: %+v", ok.Error)
	}
	if id, found := DetectTrigger("#!/usr/bin/env node\nmodule.exports = function (client, scope, audience, context, cb) {};\n"); !found || id != trigger.CredentialsExchange {
		t.Errorf("DetectTrigger with a hashbang = %q, %v", id, found)
	}
	// Node 20 refuses a hashbang after a byte order mark ("Invalid or unexpected token").
	if e := CheckSyntax("\ufeff#!/usr/bin/env node\nmodule.exports = function (user, context, cb) { cb(); };\n"); e == nil || e.Message != "Invalid or unexpected token" || e.Line != 1 {
		t.Errorf("a hashbang after a byte order mark: %v", e)
	}
	// A "#!" anywhere else is still an error.
	if CheckSyntax("module.exports = function (user, context, cb) {\n#!x\n};\n") == nil {
		t.Error("#! on line 2 was accepted")
	}
}

func TestDetectTriggerReason(t *testing.T) {
	// The QA's se5p.js: five parameters, a missing ')'.
	id, err := DetectTriggerReason("module.exports = function (client, scope, audience, context, cb) {\n  cb(null, {scope}\n};\n", "se5p.js")
	var serr *ScriptError
	if id != "" || !errors.As(err, &serr) {
		t.Fatalf("got %q, %v; want the syntax error", id, err)
	}
	if serr.Kind != KindSyntax || serr.Message != "missing ) after argument list" || serr.Line != 2 || serr.Column != 18 || !strings.Contains(serr.Stack, "se5p.js:2:18") {
		t.Errorf("syntax error %+v", serr)
	}
	if id, err := DetectTriggerReason("module.exports = function (user, context, cb) { cb(); };", "a.js"); id != "" || !errors.Is(err, ErrTriggerNotDetected) {
		t.Errorf("three parameters: %q, %v; want ErrTriggerNotDetected", id, err)
	}
	if id, err := DetectTriggerReason("module.exports = function (recipient, text, context, cb) { cb(); };", ""); id != trigger.SendPhoneMessage || err != nil {
		t.Errorf("four parameters: %q, %v", id, err)
	}
}

// positionsTestLine2 runs body as line 2 of a pre-user-registration hook (followed by tail;
// payload "" for the point's sample) and wants a TypeError with message at 2:col, the stack
// opening with it and naming that position. It returns the error for further checks.
func positionsTestLine2(t *testing.T, body, tail, payload, message string, col int) *ScriptError {
	t.Helper()
	script := "module.exports = function (user, context, cb) {\n  " + body + "\n" + tail + "};\n"
	e := runnerTestRun(t, trigger.PreUserRegistration, script, payload).Error
	if e == nil {
		t.Fatal("the hook succeeded")
	}
	if e.Name != "TypeError" || e.Message != message || e.Line != 2 || e.Column != col {
		t.Errorf("got %s %q at %d:%d, want TypeError %q at 2:%d", e.Name, e.Message, e.Line, e.Column, message, col)
	}
	if want := "TypeError: " + message + "\n"; !strings.HasPrefix(e.Stack, want) {
		t.Errorf("stack %q does not start with %q", e.Stack, want)
	}
	if want := "hook.js:2:" + itoa(col); !strings.Contains(e.Stack+"\n", want+"\n") && !strings.Contains(e.Stack, want+")") {
		t.Errorf("stack %q does not hold %s", e.Stack, want)
	}
	return e
}
