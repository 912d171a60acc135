package runner

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hookterm/hookterm/trigger"
)

func runnerTestPool(t *testing.T, workers int) *Pool {
	t.Helper()
	p, err := New(Options{Workers: workers})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() { _ = p.Close() })
	return p
}

func runnerTestPoolRun(t *testing.T, p *Pool, script string, timeout time.Duration, memory int64) *Report {
	t.Helper()
	rep, err := p.Run(context.Background(), Request{Script: script, Trigger: trigger.PostUserRegistration, Timeout: timeout, MemoryLimit: memory})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return rep
}

func TestPoolRunsAndStaysWarm(t *testing.T) {
	p := runnerTestPool(t, 2)
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rep := runnerTestPoolRun(t, p, "module.exports = function (u, c, cb) { console.log('hi'); cb(null, { u: u.username }); };", time.Second, 0)
			if !rep.OK || string(rep.Result) != `{"u":"user1"}` || len(rep.Logs) != 1 {
				t.Errorf("report %+v", rep)
			}
		}()
	}
	wg.Wait()
}

func TestPoolPayloadError(t *testing.T) {
	p := runnerTestPool(t, 1)
	_, err := p.Run(context.Background(), Request{Script: "module.exports = function () {};", Trigger: trigger.PreUserRegistration, Payload: json.RawMessage(`{"user":1}`)})
	var perr *PayloadError
	if !errors.As(err, &perr) || perr.Message != "Body.user received by extensibility point is not an object" {
		t.Fatalf("got %v", err)
	}
}

// The runaway cases: each must end with a clear error, and the pool must keep working.
func TestPoolSurvivesRunawayScripts(t *testing.T) {
	p := runnerTestPool(t, 1)
	cases := []struct {
		name, body, kind, message string
	}{
		{"endless loop", "while (true) {}", KindTimeout, "did not finish within"},
		{"callback never called", "", KindTimeout, "never called"},
		{"uncleared interval", "setInterval(function () {}, 5);", KindTimeout, "did not finish within"},
		{"catastrophic regex", "/^(a+)+(?=c)/.test('a'.repeat(40) + 'b');", KindTimeout, "did not finish within"},
		{"deep recursion", "(function f() { f(); })();", KindRuntime, "Maximum call stack size exceeded"},
		{"recursion through getters", "var o = {}; Object.defineProperty(o, 'x', { get: function () { return this.x; } }); o.x;", KindRuntime, "Maximum call stack size exceeded"},
		// The memory cases get a long time limit so that only the memory limit can stop them.
		{"huge repeat", "var s = 'x'.repeat(Math.pow(2, 30)); cb(null, { n: s.length });", KindMemory, "memory limit"},
		{"string doubling", "var s = 'x'; for (;;) { s = s + s; }", KindMemory, "memory limit"},
		{"growing array", "var a = []; for (;;) { a.push('x'.repeat(1e6) + a.length); }", KindMemory, "memory limit"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// Only the timeout cases get a short limit: the others must end with their own
			// error however slow the machine is (goja unwinds deep native recursion slowly).
			timeout := 300 * time.Millisecond
			if c.kind != KindTimeout {
				timeout = 20 * time.Second
			}
			rep := runnerTestPoolRun(t, p, "module.exports = function (u, c, cb) { "+c.body+" };", timeout, 32<<20)
			if rep.OK || rep.Error.Kind != c.kind || !strings.Contains(rep.Error.Message, c.message) {
				t.Fatalf("got %+v", rep.Error)
			}
			// The pool still answers.
			rep = runnerTestPoolRun(t, p, "module.exports = function (u, c, cb) { cb(null, { ok: 1 }); };", time.Second, 0)
			if !rep.OK {
				t.Fatalf("after %s: %+v", c.name, rep.Error)
			}
		})
	}
}

func TestPoolReplacesACrashedWorker(t *testing.T) {
	p := runnerTestPool(t, 1)
	got := make(chan *Report, 1)
	go func() {
		rep, _ := p.Run(context.Background(), Request{Script: "module.exports = function () { while (true) {} };", Trigger: trigger.PostUserRegistration, Timeout: 20 * time.Second})
		got <- rep
	}()
	// Wait until the worker is busy with the run, then kill it as a crash would.
	for len(p.slots) != 0 {
		time.Sleep(time.Millisecond)
	}
	p.mu.Lock()
	proc := p.all[0].proc
	p.mu.Unlock()
	_ = proc.cmd.Process.Kill()
	rep := <-got
	if rep == nil || rep.OK || rep.Error.Kind != KindInternal || !strings.Contains(rep.Error.Message, "crashed") {
		t.Fatalf("got %+v", rep)
	}
	rep = runnerTestPoolRun(t, p, "module.exports = function (u, c, cb) { cb(null, { ok: 1 }); };", time.Second, 0)
	if !rep.OK {
		t.Fatalf("after a crash: %+v", rep.Error)
	}
}

func TestPoolWithABinaryThatIsNotAWorker(t *testing.T) {
	p, err := New(Options{Workers: 1, Executable: "/bin/true"})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	defer p.Close()
	rep, err := p.Run(context.Background(), Request{Script: "module.exports = function (u, c, cb) { cb(); };", Trigger: trigger.PostUserRegistration})
	if err != nil || rep.OK || rep.Error.Kind != KindInternal {
		t.Fatalf("got %+v, %v", rep, err)
	}
}

func TestWorkersDoNotStartWorkers(t *testing.T) {
	t.Setenv(workerEnv, "1")
	if _, err := New(Options{Workers: 1}); err == nil || !strings.Contains(err.Error(), "MaybeServeWorker") {
		t.Fatalf("got %v", err)
	}
}
