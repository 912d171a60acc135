package nodelib

import (
	"encoding/json"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dop251/goja"
)

// consoleCases are console calls whose output Node 20 gives deterministically (console.time
// is checked with a fake clock below).
var consoleCases = []string{
	`console.count(); console.count(); console.count('x'); console.countReset(); console.count(); console.count(undefined)`,
	`console.countReset('never'); console.count(1)`,
	`console.assert(true, 'no'); console.assert(false, 'user %s missing', 'jdoe'); console.assert(0); console.assert(null, { a: 1 }); console.assert('', 42, 'x')`,
	`console.group('outer'); console.log('a'); console.group(); console.info('b\nc'); console.error({ d: [1, 2] }); console.groupEnd(); console.warn('e'); console.groupEnd(); console.groupEnd(); console.log('f')`,
	`console.groupCollapsed('g', 1); console.dir({ x: 'y' }); console.table([{ a: 1 }]); console.groupEnd(); console.dirxml('z', { w: 1 })`,
	`console.table([{ a: 1, b: 'x' }, { a: 2, c: [1, 2, 3, 4] }])`,
	`console.table({ x: { a: 1 }, y: { b: 2 } })`,
	`console.table([1, 's', null, { k: true }])`,
	`console.table([{ a: 1, b: 2 }], ['a', 'z'])`,
	`console.table(5); console.table('s'); console.table(null)`,
	`console.table([{ name: 'ü日本', deep: { p: 1, q: 2, r: 3 }, two: { p: 1 } }])`,
	`console.table(new Map([['k', 1], [{ o: 1 }, 'v']])); console.table(new Set(['a', 2]))`,
	`console.table([[1, 2], [3, 4, 5]])`,
	`console.table([])`,
	`console.group(); console.log(); console.group('a', { b: 1 }); console.dir([1, 2]); console.groupEnd(); console.groupEnd(); console.count({}); console.count(null); console.assert(false, { x: 1 }, 'more')`,
	`console.table([{ a: { b: { c: 1 } } }, { a: 'x'.repeat(5), b: -0, c: 10n, d: undefined, e: null }]); console.table([[], [1]]); console.table({})`,
	`console.table([{ 1: 'one', b: 2 }, { b: 3, 1: 'uno' }], ['b', '1'])`,
	`try { console.table([{ a: 1 }], 'a'); } catch (e) { console.log(e.name, e.code, e.message); }`,
	`console.dir({ [Symbol.for('nodejs.util.inspect.custom')]() { return 'custom'; }, a: 1 }); console.dir('str'); console.dir({ a: { b: { c: { d: 1 } } } }, { depth: 0 })`,
	`console.trace(); console.trace('trace here %d', 7, { a: 1 })`,
	`console.group('g'); console.trace('in group'); console.groupEnd()`,
	`const orig = console.log; console.log = (...a) => orig('[hook]', ...a); console.count('c'); console.group('x'); console.dirxml('direct'); console.log = orig; console.log('y')`,
	`console.clear(); console.log('after clear')`,
	`console.timeEnd('nope'); console.timeLog('nope'); console.log('no output for unknown labels')`,
}

// consoleLine is one write: the stream (out/err) and the text.
type consoleLine struct{ Stream, Text string }

// consoleFrames strips stack frame lines: V8's and goja's frames cannot match.
var consoleFrames = regexp.MustCompile(`\n *at [^\n]*`)

// TestConsoleMatchesNode runs every case under Node 20 (a Console writing to captured
// streams, so group indentation and trace are Node's own) and under NewConsole.
func TestConsoleMatchesNode(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("this comparison needs Node.js 20 on PATH (.ci/run installs it): %v", err)
	}
	raw, err := json.Marshal(consoleCases)
	if err != nil {
		t.Fatal(err)
	}
	script := `const { Console } = require('console'); const { Writable } = require('stream');
const cases = JSON.parse(process.argv[1]);
const out = cases.map((src) => {
  const lines = [];
  const stream = (name) => new Writable({ write(chunk, enc, cb) { lines.push({ Stream: name, Text: String(chunk).replace(/\n$/, '') }); cb(); } });
  const console = new Console({ stdout: stream('out'), stderr: stream('err') });
  process.removeAllListeners('warning'); process.on('warning', () => {});
  new Function('console', src)(console);
  return lines;
});
process.stdout.write(JSON.stringify(out));`
	cmd := exec.Command(node, "-e", script, string(raw))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	got, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	var want [][]consoleLine
	if err := json.Unmarshal(got, &want); err != nil {
		t.Fatalf("node output: %v", err)
	}
	if len(want) != len(consoleCases) {
		t.Fatalf("node answered %d of %d cases", len(want), len(consoleCases))
	}
	total := 0
	for i, src := range consoleCases {
		total += len(want[i])
		lines := runConsole(t, src, nil)
		if g, w := consoleText(lines), consoleText(want[i]); g != w {
			t.Errorf("%s\nhookterm:\n%s\nnode:\n%s", src, g, w)
		}
	}
	if total < 40 {
		t.Errorf("Node wrote only %d lines for the cases: the capture is broken", total)
	}
}

func consoleText(lines []consoleLine) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l.Stream + ": " + consoleFrames.ReplaceAllString(l.Text, "") + "\n")
	}
	return b.String()
}

// runConsole runs src with a NewConsole as the global console and returns what it wrote.
func runConsole(t *testing.T, src string, now func() time.Time) []consoleLine {
	t.Helper()
	rt := nodelibTestRuntime(t)
	var lines []consoleLine
	c := NewConsole(rt, ConsoleOptions{Now: now, Log: func(level, msg string) {
		stream := "out"
		if level == "warn" || level == "error" {
			stream = "err"
		}
		lines = append(lines, consoleLine{stream, msg})
	}})
	if err := rt.Set("console", c); err != nil {
		t.Fatal(err)
	}
	if _, err := rt.RunScript("hook.js", src); err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	return lines
}

func TestConsoleLevels(t *testing.T) {
	rt := nodelibTestRuntime(t)
	var got []string
	c := NewConsole(rt, ConsoleOptions{Log: func(level, msg string) { got = append(got, level+" "+msg) }})
	_ = rt.Set("console", c)
	nodelibTestRun(t, rt, `console.log(1); console.info(2); console.debug(3); console.warn(4); console.error(5); console.assert(false); console.count(); console.dirxml(6)`)
	want := "log 1|info 2|debug 3|warn 4|error 5|warn Assertion failed|log default: 1|log 6"
	if strings.Join(got, "|") != want {
		t.Errorf("got %q\nwant %q", strings.Join(got, "|"), want)
	}
}

// TestConsoleTime uses a fake clock: Node prints "label: <ms>ms" through console.log, with
// timeLog's extra arguments formatted after it, and forgets the label at timeEnd.
func TestConsoleTime(t *testing.T) {
	clock := time.Unix(0, 0)
	now := func() time.Time { return clock }
	rt := nodelibTestRuntime(t)
	var got []string
	c := NewConsole(rt, ConsoleOptions{Now: now, Log: func(level, msg string) { got = append(got, level+" "+msg) }})
	_ = rt.Set("console", c)
	_ = rt.Set("advance", func(ms float64) { clock = clock.Add(time.Duration(ms * float64(time.Millisecond))) })
	nodelibTestRun(t, rt, `console.time('t'); console.time(); advance(1.2346); console.timeLog('t', 'step', { n: 1 }); advance(2500);
console.timeEnd('t'); console.timeEnd('t'); advance(61000); console.timeEnd()`)
	want := []string{"log t: 1.235ms step { n: 1 }", "log t: 2.501s", "log default: 1:03.501 (m:ss.mmm)"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

// TestFormatConsoleTimeMatchesNode compares formatConsoleTime with Node's own formatTime
// (internal/console/constructor, reachable with --expose-internals).
func TestFormatConsoleTimeMatchesNode(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("this comparison needs Node.js 20 on PATH: %v", err)
	}
	values := []float64{0, 0.0004, 0.0005, 0.1234, 1, 1.2345, 12.5, 999.9994, 999.9996, 1000, 1234.5678, 59999.9999, 60000, 61234.5, 3599999, 3600000, 3723004.5, 86400000 * 2.5}
	raw, _ := json.Marshal(values)
	got, err := exec.Command(node, "--expose-internals", "-e",
		`const { formatTime } = require('internal/console/constructor'); process.stdout.write(JSON.stringify(JSON.parse(process.argv[1]).map(formatTime)))`, string(raw)).Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var want []string
	if err := json.Unmarshal(got, &want); err != nil {
		t.Fatal(err)
	}
	for i, v := range values {
		if g := formatConsoleTime(v); g != want[i] {
			t.Errorf("formatTime(%v) = %q, Node %q", v, g, want[i])
		}
	}
}

// TestConsoleTraceFrames: the trace's frames are the script's, most recent first, without
// console.trace itself.
func TestConsoleTraceFrames(t *testing.T) {
	lines := runConsole(t, "function inner() { console.trace('here') }\nfunction outer() { inner() }\nouter()", nil)
	if len(lines) != 1 {
		t.Fatalf("%v", lines)
	}
	want := "Trace: here\n    at inner (hook.js:1:33)\n    at outer (hook.js:2:25)\n    at hook.js:3:6"
	if lines[0].Text != want || lines[0].Stream != "err" {
		t.Errorf("got %q\nwant %q", lines[0].Text, want)
	}
}

// BenchmarkNewConsole is what a run pays the first time its script names console.
func BenchmarkNewConsole(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		rt := goja.New()
		b.StartTimer()
		NewConsole(rt, ConsoleOptions{Log: func(string, string) {}})
	}
}

// TestConsoleObject: the console is a dynamic object; it must still behave as Node's plain
// object of bound methods for assignment, deletion, `in`, keys and destructuring.
func TestConsoleObject(t *testing.T) {
	rt := nodelibTestRuntime(t)
	var got []string
	_ = rt.Set("console", NewConsole(rt, ConsoleOptions{Log: func(level, msg string) { got = append(got, msg) }}))
	v := nodelibTestRun(t, rt, `const { log, count } = console; log('destructured'); count();
const before = ['time' in console, typeof console.table, Object.keys(console).length, Object.keys(console).slice(0, 3).join()];
console.custom = 1; delete console.warn;
[...before, 'warn' in console, typeof console.warn, console.custom, Object.keys(console).includes('custom'), Object.keys(console).includes('warn')].join()`).String()
	if want := "true,function,22,log,warn,dir,false,undefined,1,true,false"; v != want {
		t.Errorf("got  %s\nwant %s", v, want)
	}
	// Node's methods are named after themselves (inspection shows [Function: count]).
	if v := nodelibTestRun(t, rt, `JSON.stringify([console.count.name, require('util').inspect(console.table), Object.getOwnPropertyDescriptor(console.log, 'name')])`).String(); v != `["count","[Function: table]",{"value":"log","writable":false,"enumerable":false,"configurable":true}]` {
		t.Errorf("method names: %s", v)
	}
	if strings.Join(got, "|") != "destructured|default: 1" {
		t.Errorf("logs %q", got)
	}
}
