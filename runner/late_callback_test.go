package runner

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/hookterm/hookterm/trigger"
)

// lateTestRun runs script for post-user-registration with the given time limit.
func lateTestRun(t *testing.T, script string, timeout time.Duration) *Report {
	t.Helper()
	rep, err := RunInProcess(context.Background(), Request{Script: script, Trigger: trigger.PostUserRegistration, Timeout: timeout})
	if err != nil {
		t.Fatalf("RunInProcess: %v", err)
	}
	return rep
}

func lateTestLogs(rep *Report) []string {
	var out []string
	for _, l := range rep.Logs {
		out = append(out, l.Level+": "+l.Message)
	}
	return out
}

func TestErrorsAfterTheCallbackAreWarnings(t *testing.T) {
	cases := []struct {
		name, script, want string
	}{
		{"timer", `module.exports = function (user, context, cb) {
  cb(null, { ok: 1 });
  setTimeout(() => { throw new Error('after cb'); }, 5);
};`, "warn: Uncaught Error after the callback: after cb\n    at hook.js:3:28"},
		{"synchronous", `module.exports = function (user, context, cb) {
  cb(null, { ok: 1 });
  notDefined();
};`, "warn: Uncaught ReferenceError after the callback: notDefined is not defined\n    at hook.js:3:"},
		{"async function", `module.exports = async function (user, context, cb) {
  cb(null, { ok: 1 });
  throw new RangeError('async after cb');
};`, "warn: Unhandled promise rejection after the callback: RangeError: async after cb\n    at hook.js:3:9"},
		{"async after await", `module.exports = async function (user, context, cb) {
  cb(null, { ok: 1 });
  await new Promise((r) => setTimeout(r, 5));
  throw new RangeError('later');
};`, "warn: Unhandled promise rejection after the callback: RangeError: later\n    at hook.js:4:9"},
		{"microtask", `module.exports = function (user, context, cb) {
  cb(null, { ok: 1 });
  setImmediate(() => queueMicrotask(() => { throw new Error('in microtask'); }));
};`, "warn: Uncaught Error after the callback: in microtask\n    at hook.js:3:51"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rep := lateTestRun(t, c.script, 5*time.Second)
			if !rep.OK || string(rep.Result) != `{"ok":1}` {
				t.Fatalf("the callback's outcome changed: ok=%v result=%s error=%+v", rep.OK, rep.Result, rep.Error)
			}
			// The line starts with the error and its frame in the script (nodelib's own
			// frames may follow).
			if got := lateTestLogs(rep); len(got) != 1 || !strings.HasPrefix(got[0], c.want) {
				t.Fatalf("logs\n got %q\nwant %q", got, c.want)
			}
		})
	}
}

func TestConsoleAfterTheCallbackIsKeptAndMarked(t *testing.T) {
	rep := lateTestRun(t, `module.exports = function (user, context, cb) {
  console.log('before');
  cb(null, {});
  console.log('same turn');
  Promise.resolve().then(() => console.log('microtask'));
  setTimeout(() => console.log('late log'), 10);
  setImmediate(() => { console.warn('immediate'); Promise.resolve().then(() => console.info('its microtask')); });
  setTimeout(() => cb(null, { again: true }), 20);
};`, 5*time.Second)
	want := []string{
		"log: before", "log: same turn", "log: microtask",
		"warn: [after the callback] immediate", "info: [after the callback] its microtask",
		"log: [after the callback] late log",
		"warn: hookterm: the callback was called again; Auth0 uses only the first call",
	}
	if got := lateTestLogs(rep); !reflect.DeepEqual(got, want) {
		t.Fatalf("logs\n got %q\nwant %q", got, want)
	}
	if !rep.OK || string(rep.Result) != "{}" {
		t.Fatalf("ok=%v result=%s", rep.OK, rep.Result)
	}
}

func TestAfterTheCallbackAfterAnError(t *testing.T) {
	rep := lateTestRun(t, `module.exports = function (user, context, cb) {
  cb(new Error('denied'));
  setTimeout(() => console.log('cleanup'), 5);
};`, 5*time.Second)
	if rep.OK || rep.Error.Message != "denied" {
		t.Fatalf("error %+v", rep.Error)
	}
	if got := lateTestLogs(rep); !reflect.DeepEqual(got, []string{"log: [after the callback] cleanup"}) {
		t.Fatalf("logs %q", got)
	}
}

// The duration is the time to the callback: the late timer fires 50 ms after it.
func TestDurationEndsAtTheCallback(t *testing.T) {
	before := time.Now()
	rep := lateTestRun(t, `module.exports = function (user, context, cb) {
  cb(null, {});
  setTimeout(() => console.log('late'), 50);
};`, 5*time.Second)
	if len(rep.Logs) != 1 {
		t.Fatalf("logs %q", lateTestLogs(rep))
	}
	// The late line came at least 50 ms after the callback, which came DurationMs after the
	// run started, which was after before.
	sinceBefore := float64(rep.Logs[0].Time.Sub(before).Microseconds()) / 1000
	if rep.DurationMs > sinceBefore-40 {
		t.Fatalf("durationMs %.3f includes the time after the callback (late line %.3f ms after the start)", rep.DurationMs, sinceBefore)
	}
}

// Timers left after the grace period are dropped with one warning, and a hook that leaves an
// interval or a busy loop behind does not hold its run until the time limit (the limit here
// is long: reaching it would say so in the warning).
func TestTimersLeftAfterTheGraceAreDropped(t *testing.T) {
	rep := lateTestRun(t, `module.exports = function (user, context, cb) {
  cb(null, { ok: 1 });
  setTimeout(() => console.log('never'), 60000);
  setTimeout(() => console.log('never either'), 30000).unref();
};`, 20*time.Second)
	got := lateTestLogs(rep)
	want := "warn: hookterm: 2 timers still pending after the callback were dropped: hookterm runs a hook for at most 200ms after its callback (Auth0's container could have run them later)"
	if !rep.OK || !reflect.DeepEqual(got, []string{want}) {
		t.Fatalf("ok=%v logs %q", rep.OK, got)
	}

	// An interval: it runs during the grace period and is dropped at its end. Should the end
	// come while the interval's callback runs, a line says that code was stopped.
	rep = lateTestRun(t, `module.exports = function (user, context, cb) {
  cb(null, { ok: 1 });
  var n = 0;
  setInterval(() => { if (++n === 2) console.log('ticking'); }, 5);
};`, 20*time.Second)
	got = lateTestLogs(rep)
	last := "warn: hookterm: 1 timer still pending after the callback was dropped: hookterm runs a hook for at most 200ms after its callback (Auth0's container could have run it later)"
	if n := len(got); !rep.OK || n < 2 || n > 3 || got[0] != "log: [after the callback] ticking" || got[n-1] != last ||
		(n == 3 && got[1] != "warn: hookterm: code still running 200ms after the callback was stopped") {
		t.Fatalf("ok=%v logs %q", rep.OK, got)
	}

	rep = lateTestRun(t, `module.exports = function (user, context, cb) {
  cb(null, { ok: 1 });
  setTimeout(() => { for (;;) {} }, 1);
};`, 20*time.Second)
	got = lateTestLogs(rep)
	if !rep.OK || !reflect.DeepEqual(got, []string{"warn: hookterm: code still running 200ms after the callback was stopped"}) {
		t.Fatalf("ok=%v logs %q", rep.OK, got)
	}

	// A busy loop right after the callback, in the hook itself.
	rep = lateTestRun(t, `module.exports = function (user, context, cb) {
  cb(null, { ok: 1 });
  for (;;) {}
};`, 20*time.Second)
	got = lateTestLogs(rep)
	if !rep.OK || string(rep.Result) != `{"ok":1}` || !reflect.DeepEqual(got, []string{"warn: hookterm: code still running 200ms after the callback was stopped"}) {
		t.Fatalf("ok=%v result=%s logs %q", rep.OK, rep.Result, got)
	}
}

// The grace period never goes past the run's time limit.
func TestGraceStopsAtTheTimeLimit(t *testing.T) {
	cases := []struct{ timeout, elapsed, want time.Duration }{
		{20 * time.Second, time.Millisecond, lateGrace},
		{300 * time.Millisecond, 250 * time.Millisecond, 50 * time.Millisecond},
		{300 * time.Millisecond, 300 * time.Millisecond, 0},
		{300 * time.Millisecond, 400 * time.Millisecond, 0},
	}
	for _, c := range cases {
		if got := graceFor(c.timeout, c.elapsed); got != c.want {
			t.Errorf("graceFor(%s, %s) = %s, want %s", c.timeout, c.elapsed, got, c.want)
		}
	}
}

func TestLateLinesAreMasked(t *testing.T) {
	rep := runnerTestRun(t, trigger.PostUserRegistration, `module.exports = function (user, context, cb) {
  cb(null, {});
  setTimeout(() => { console.log(context.webtask.secrets); throw new Error('key ' + context.webtask.secrets.API_KEY); }, 1);
};`, "")
	got := lateTestLogs(rep)
	if len(got) != 2 || got[0] != "log: [after the callback] { API_KEY: '[secret API_KEY]' }" ||
		!strings.HasPrefix(got[1], "warn: Uncaught Error after the callback: key [secret API_KEY]") {
		t.Fatalf("logs %q", got)
	}
}

// A result that cannot be serialised is still the callback's answer: the grace period follows.
func TestAfterAnUnserialisableResult(t *testing.T) {
	rep := lateTestRun(t, `module.exports = function (user, context, cb) {
  var o = {}; o.self = o;
  cb(null, o);
  setTimeout(() => console.log('cleanup'), 5);
};`, 5*time.Second)
	if rep.OK || rep.Error.Kind != KindCallback {
		t.Fatalf("error %+v", rep.Error)
	}
	if got := lateTestLogs(rep); !reflect.DeepEqual(got, []string{"log: [after the callback] cleanup"}) {
		t.Fatalf("logs %q", got)
	}
}

// When the time limit cuts the grace period short, the warning names the limit, not the
// grace period (a busy loop after a callback called at 30 ms of a 100 ms limit).
func TestLateStopAtTheTimeLimitSaysSo(t *testing.T) {
	rep := lateTestRun(t, `module.exports = function (user, context, cb) {
  setTimeout(() => { cb(null, {}); for (;;) {} }, 30);
};`, 100*time.Millisecond)
	got := lateTestLogs(rep)
	want := "warn: hookterm: code running after the callback was stopped at the time limit (100ms)"
	if !rep.OK || len(got) != 1 || got[0] != want {
		t.Fatalf("ok=%v logs %q", rep.OK, got)
	}
}

// Timers dropped because the time limit cut the grace period short: the warning names the
// limit (a callback at 60 ms of a 100 ms limit, then a 150 ms timer).
func TestDroppedTimersAtTheTimeLimitSaySo(t *testing.T) {
	rep := lateTestRun(t, `module.exports = function (user, context, cb) {
  setTimeout(() => { cb(null, {}); setTimeout(() => console.log('late'), 150); }, 60);
};`, 100*time.Millisecond)
	got := lateTestLogs(rep)
	want := "warn: hookterm: 1 timer still pending after the callback was dropped: the run's time limit (100ms) came first (Auth0's container could have run it later)"
	if !rep.OK || len(got) != 1 || got[0] != want {
		t.Fatalf("ok=%v logs %q", rep.OK, got)
	}
}
