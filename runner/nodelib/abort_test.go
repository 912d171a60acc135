package nodelib

import "testing"

// TestAbortController checks the synchronous surface against what Node 20 prints for the
// same expressions (node -p, checked by hand; the timer-driven parts are in the runner's
// corpus, runner/testdata/corpus/globals-abort-controller.js).
func TestAbortController(t *testing.T) {
	rt := nodelibTestRuntime(t)
	for src, want := range map[string]string{
		`typeof AbortController + typeof AbortSignal + typeof DOMException`: "functionfunctionfunction",
		`const c = new AbortController(); const log = []; c.signal.addEventListener('abort', (e) => log.push(e.type)); c.signal.onabort = () => log.push('on'); c.signal.addEventListener('abort', () => log.push('after')); c.abort(); c.abort(); [c.signal.aborted, c.signal.reason.name, c.signal.reason.message, c.signal.reason.code, log.join()].join('|')`: "true|AbortError|This operation was aborted|20|abort,on,after",
		`const c2 = new AbortController(); c2.abort('why'); try { c2.signal.throwIfAborted(); 'no' } catch (e) { e }`:                                                                                                                "why",
		`const c3 = new AbortController(); const n = []; const f = () => n.push(1); c3.signal.addEventListener('abort', f); c3.signal.addEventListener('abort', f); c3.signal.removeEventListener('abort', f); c3.abort(); n.length`: "0",
		`const c4 = new AbortController(); const m = []; c4.signal.addEventListener('abort', () => m.push(1), { once: true }); c4.abort(); c4.signal.dispatchEvent({ type: 'abort' }); m.length`:                                     "1",
		`[AbortSignal.abort().aborted, AbortSignal.abort(5).reason, String(AbortSignal.abort().reason)].join('|')`:                                                                                                                   "true|5|AbortError: This operation was aborted",
		`const a = new AbortController(); const any = AbortSignal.any([a.signal, new AbortController().signal]); const before = any.aborted; a.abort('r'); [before, any.aborted, any.reason].join('|')`:                              "false|true|r",
		`[-1, 1.5, '5', 2 ** 32, undefined, 2 ** 33].map((v) => { try { AbortSignal.timeout(v); return 'ok'; } catch (e) { return e.name + ' ' + e.code + ' ' + e.message; } }).join('\n')`: `RangeError ERR_OUT_OF_RANGE The value of "delay" is out of range. It must be >= 0 && <= 4294967295. Received -1
RangeError ERR_OUT_OF_RANGE The value of "delay" is out of range. It must be an integer. Received 1.5
TypeError ERR_INVALID_ARG_TYPE The "delay" argument must be of type number. Received type string ('5')
RangeError ERR_OUT_OF_RANGE The value of "delay" is out of range. It must be >= 0 && <= 4294967295. Received 4294967296
TypeError ERR_INVALID_ARG_TYPE The "delay" argument must be of type number. Received undefined
RangeError ERR_OUT_OF_RANGE The value of "delay" is out of range. It must be >= 0 && <= 4294967295. Received 8_589_934_592`,
		`try { new AbortSignal(); 'no' } catch (e) { e.name + ': ' + e.message }`:                                                                                     "TypeError: Illegal constructor",
		`Object.prototype.toString.call(new AbortController().signal) + Object.prototype.toString.call(new AbortController())`:                                        "[object AbortSignal][object AbortController]",
		`require('util').inspect(new AbortController())`:                                                                                                              "AbortController { signal: AbortSignal { aborted: false } }",
		`new DOMException('m', 'TimeoutError').code + ' ' + (new DOMException('x') instanceof Error) + ' ' + Object.keys(new DOMException('m', 'AbortError')).length`: "23 true 0",
	} {
		if got := nodelibTestRun(t, rt, src).String(); got != want {
			t.Errorf("%s\n= %q, Node: %q", src, got, want)
		}
	}
}

// TestPromisifyTimers: util.promisify(setTimeout) is timers/promises' setTimeout, as in
// Node, once util is loaded (the runner owns the timer globals; a stand-in is used here).
func TestPromisifyTimers(t *testing.T) {
	rt := nodelibTestRuntime(t)
	nodelibTestRun(t, rt, `globalThis.pending = []; globalThis.setTimeout = function setTimeout(f, ms) { pending.push(f); return {}; }; globalThis.setImmediate = function setImmediate(f) { pending.push(f); return {}; }`)
	got := nodelibTestRun(t, rt, `const util = require('util'); const t = require('timers/promises');
let out = []; util.promisify(setTimeout)(1, 'val').then((v) => out.push(v)); util.promisify(setImmediate)('imm').then((v) => out.push(v));
pending.forEach((f) => f());
[util.promisify(setTimeout) === t.setTimeout, util.promisify(setImmediate) === t.setImmediate, Object.getOwnPropertyDescriptor(setTimeout, util.promisify.custom).enumerable, Object.getOwnPropertyDescriptor(setTimeout, util.promisify.custom).configurable].join()`).String()
	if got != "true,true,true,false" {
		t.Errorf("got %s", got)
	}
	if out := nodelibTestRun(t, rt, `out.join()`).String(); out != "val,imm" {
		t.Errorf("promisified timers resolved with %q, want val,imm", out)
	}
}
