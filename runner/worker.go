package runner

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// workerEnv is the variable that turns this binary into a runner worker.
const workerEnv = "HOOKTERM_RUNNER_WORKER"

// How long a worker waits for a script to come back from an interruption before it gives up
// on it (the runtime is stuck in a native call: a backtracking regular expression, a huge
// string repeat) and reports on its own, then exits so that the parent replaces it.
const stuckGrace = 250 * time.Millisecond

// workerGCPercent is the worker's GOGC: a run allocates a burst of short-lived objects, a
// worker's live heap is a few MiB, and the memory limit caps the heap anyway. 1000 made the
// JSON-heavy benchmark 10–15% cheaper than 400 (and 400 than the default 100).
const workerGCPercent = 1000

// memoryPoll is how often the worker samples its heap during a run.
const memoryPoll = 2 * time.Millisecond

// workerRequest and workerResponse are the worker protocol: one JSON object per line.
type workerRequest struct {
	ID      uint64  `json:"id"`
	Request Request `json:"request"`
}

type workerResponse struct {
	ID           uint64  `json:"id"`
	Report       *Report `json:"report,omitempty"`
	PayloadError string  `json:"payloadError,omitempty"`
	Error        string  `json:"error,omitempty"`
	// Retire asks the parent to replace this worker (its heap is bloated or a runtime is stuck).
	Retire bool `json:"retire,omitempty"`
}

// MaybeServeWorker serves the worker protocol on stdin/stdout when this process was started
// as a runner worker (HOOKTERM_RUNNER_WORKER=1) and returns true once the parent closes stdin;
// otherwise it returns false at once. main and every TestMain that uses a Pool call it first.
func MaybeServeWorker() bool {
	if os.Getenv(workerEnv) != "1" {
		return false
	}
	// A worker runs one script at a time: collect garbage less eagerly (the memory limit caps
	// the heap anyway) and bound the Go stack so runaway recursion in native code fails fast.
	debug.SetGCPercent(workerGCPercent)
	debug.SetMaxStack(256 << 20)
	if err := serveWorker(os.Stdin, os.Stdout); err != nil {
		fmt.Fprintf(os.Stderr, "hookterm runner worker: %v\n", err)
		os.Exit(1)
	}
	return true
}

// serveWorker answers requests until in ends. When a run had to be abandoned it answers and
// exits the process: the stuck goroutine cannot be stopped otherwise.
func serveWorker(in io.Reader, out io.Writer) error {
	dec := json.NewDecoder(bufio.NewReaderSize(in, 64<<10))
	w := bufio.NewWriterSize(out, 64<<10)
	enc := json.NewEncoder(w)
	for {
		var msg workerRequest
		if err := dec.Decode(&msg); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return fmt.Errorf("read request: %w", err)
		}
		resp, stuck := serveOne(msg.Request)
		resp.ID = msg.ID
		if err := enc.Encode(resp); err != nil {
			return fmt.Errorf("write response: %w", err)
		}
		if err := w.Flush(); err != nil {
			return fmt.Errorf("write response: %w", err)
		}
		if stuck {
			os.Exit(0)
		}
	}
}

// serveOne runs one request under the worker's watchdog: heap above the memory limit
// interrupts the script; a script that does not return after an interruption is abandoned.
// stuck reports that the process must exit.
func serveOne(req Request) (resp workerResponse, stuck bool) {
	limit := req.MemoryLimit
	if limit <= 0 {
		limit = DefaultMemoryLimit
	}
	timeout := req.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	debug.SetMemoryLimit(limit)

	type outcome struct {
		rep *Report
		err error
	}
	exCh := make(chan *execution, 1)
	done := make(chan outcome, 1)
	go func() {
		defer func() {
			// A bug in the runner must not take the worker down with a Go stack for a message:
			// the run fails with a report that says whose fault it is.
			if r := recover(); r != nil {
				done <- outcome{rep: &Report{Trigger: req.Trigger, Result: []byte("null"), Logs: []LogLine{},
					Error: &ScriptError{Name: "Error", Kind: KindInternal,
						Message: fmt.Sprintf("hookterm's runner failed on this script (a bug in hookterm, not in the hook): %v", r)}}}
			}
		}()
		rep, err := runInProcess(context.Background(), req, runOptions{watch: func(ex *execution) { exCh <- ex }})
		done <- outcome{rep, err}
	}()

	var ex *execution
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	tick := time.NewTicker(memoryPoll)
	defer tick.Stop()
	deadline := time.NewTimer(timeout + stuckGrace)
	defer deadline.Stop()
	var interruptedAt time.Time
	var memoryHit bool
	finish := func(o outcome) workerResponse {
		if o.err != nil {
			var perr *PayloadError
			if errors.As(o.err, &perr) {
				return workerResponse{PayloadError: perr.Message}
			}
			return workerResponse{Error: o.err.Error()}
		}
		return workerResponse{Report: o.rep, Retire: memoryHit}
	}
	// finished reports a run that came back just as the watchdog was about to give up on it.
	finished := func() (workerResponse, bool) {
		select {
		case o := <-done:
			return finish(o), true
		default:
			return workerResponse{}, false
		}
	}
	for {
		select {
		case o := <-done:
			return finish(o), false
		case ex = <-exCh:
		case <-tick.C:
			if ex == nil {
				continue
			}
			if !interruptedAt.IsZero() {
				if time.Since(interruptedAt) > stuckGrace {
					if r, ok := finished(); ok {
						return r, false
					}
					ex.abandon(ex.memoryError("the script did not stop"))
					return workerResponse{Report: ex.report(), Retire: true}, true
				}
				continue
			}
			metrics.Read(sample)
			if used := sample[0].Value.Uint64(); used > uint64(limit) {
				// The sample counts garbage not yet swept: collect, then look again, so that
				// a script that merely churns memory is not stopped.
				runtime.GC()
				metrics.Read(sample)
				if sample[0].Value.Uint64() <= uint64(limit) {
					continue
				}
				memoryHit = true
				interruptedAt = time.Now()
				ex.interrupt(&interruption{kind: KindMemory})
			}
		case <-deadline.C:
			if r, ok := finished(); ok {
				return r, false
			}
			if ex == nil {
				return workerResponse{Error: "the run did not start", Retire: true}, true
			}
			ex.abandon(ex.timeoutError(false))
			return workerResponse{Report: ex.report(), Retire: true}, true
		}
	}
}
