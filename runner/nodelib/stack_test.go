package nodelib

import (
	"encoding/json"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// stackCases each evaluate to a stack string; Node 20 and goja with PatchErrorStack must give
// the same header and the same function names in the frames (positions and V8's "new " and
// receiver prefixes are engine-specific).
var stackCases = []string{
	`class UpstreamError extends Error { constructor(m) { super(m); this.name = 'UpstreamError'; Error.captureStackTrace(this, UpstreamError); } }
function make() { return new UpstreamError('boom'); }
function caller() { return make(); }
caller().stack`,
	`class Base extends Error { constructor(m) { super(m); this.name = this.constructor.name; Error.captureStackTrace(this, this.constructor); } }
class Sub extends Base {}
function make() { return new Sub('deep'); }
make().stack`,
	`function f() { const o = {}; Error.captureStackTrace(o); return o.stack; }
function g() { return f(); }
g()`,
	`function f() { const o = { name: 'Custom', message: 'm' }; Error.captureStackTrace(o, f); return o.stack; }
function g() { return f(); }
g()`,
	`function f() { const o = { message: 'only message' }; Error.captureStackTrace(o, function notOnStack() {}); return o.stack; }
f()`,
	`function a() { return b(); } function b() { return c(); } function c() { const o = {}; Error.captureStackTrace(o); return o.stack; }
Error.stackTraceLimit = 2; const s = a(); Error.stackTraceLimit = 10;
s`,
	`function f() { const o = {}; Error.stackTraceLimit = 0; Error.captureStackTrace(o); Error.stackTraceLimit = 10; return o.stack; }
f()`,
	`const o = {}; Error.captureStackTrace(o); o.stack;
JSON.stringify([Object.keys(o), Object.getOwnPropertyDescriptor(o, 'stack').writable, Object.getOwnPropertyDescriptor(o, 'stack').configurable])`,
	`const o = { message: 'before' }; Error.captureStackTrace(o); o.name = 'Renamed'; o.message = 'after';
o.stack`,
	`const o = {}; Error.captureStackTrace(o); o.stack = 'replaced';
JSON.stringify([o.stack, Object.keys(o), Object.getOwnPropertyDescriptor(o, 'stack').writable])`,
	`JSON.stringify([typeof Error.captureStackTrace, Error.captureStackTrace.length, Error.captureStackTrace.name, Error.stackTraceLimit, Object.keys(Error)])`,
	`(() => { try { Error.captureStackTrace(5); return 'no error'; } catch (e) { return e.name + ': ' + e.message; } })()`,
}

// stackShape keeps a stack's header and its frames' function names.
var stackFrameName = regexp.MustCompile(`^ +at (?:new |async )?(?:[A-Za-z_$][\w$]*\.)?([\w$<>]+) \(`)

func stackShape(stack string) string {
	lines := strings.Split(stack, "\n")
	var out []string
	for _, l := range lines {
		if !strings.HasPrefix(strings.TrimLeft(l, " "), "at ") {
			out = append(out, l)
			continue
		}
		m := stackFrameName.FindStringSubmatch(l)
		if m == nil {
			out = append(out, "at <top>")
			continue
		}
		out = append(out, "at "+m[1])
	}
	return strings.Join(out, "\n")
}

func TestCaptureStackTraceMatchesNode(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("this comparison needs Node.js 20 on PATH (.ci/run installs it): %v", err)
	}
	raw, _ := json.Marshal(stackCases)
	// Each case runs as a function's body in a file named hook.js on both sides, the last line
	// returned; Node's frames below the file's (its own vm and main) are dropped.
	got, err := exec.Command(node, "-e", `const vm = require('vm');
process.stdout.write(JSON.stringify(JSON.parse(process.argv[1]).map((src) => {
  src = src.trim();
  const i = src.lastIndexOf('\n');
  const s = String(vm.runInThisContext('(function () {\n' + src.slice(0, i + 1) + 'return ' + src.slice(i + 1) + '\n})()', { filename: 'hook.js' }));
  const lines = s.split('\n'); const j = lines.findIndex((l) => /^ +at /.test(l) && !l.includes('hook.js'));
  return (j < 0 ? lines : lines.slice(0, j)).join('\n');
})))`, string(raw)).Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var want []string
	if err := json.Unmarshal(got, &want); err != nil || len(want) != len(stackCases) {
		t.Fatalf("node output %s: %v", got, err)
	}
	rt := nodelibTestRuntime(t)
	if err := InstallPatches(rt, PatchErrorStack, nil); err != nil {
		t.Fatal(err)
	}
	for i, src := range stackCases {
		src = strings.TrimSpace(src)
		v, err := rt.RunScript("hook.js", "(function () {\n"+src[:strings.LastIndex(src, "\n")+1]+"return "+src[strings.LastIndex(src, "\n")+1:]+"\n})()")
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		g := v.String()
		if gs, ws := stackShape(g), stackShape(want[i]); gs != ws {
			t.Errorf("%s\nhookterm: %q\nnode:     %q", src, g, want[i])
		}
	}
}
