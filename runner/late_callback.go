package runner

import (
	"fmt"
	"strings"
	"time"
)

// lateGrace is how long a hook's code goes on after its callback. At Auth0 the webtask
// container kept running the timers a hook left behind, and their console output reached the
// real-time webtask logs; a hook that throws or logs after calling back deserves to see that
// here too, but a local run must not wait for a timer set to fire in an hour. 200 ms lets the
// usual "clean up after answering" code (a setTimeout of a few ms, an async tail) run.
const lateGrace = 200 * time.Millisecond

// lateLogPrefix marks console lines written during the grace period: the report's LogLine
// has no field for it, and a reader must be able to tell that Auth0 answered before them.
const lateLogPrefix = "[after the callback] "

// startGrace begins the grace period when the callback decides the run: code still running
// at its end (a busy loop after cb, an interval) is interrupted, so that a hook never stalls
// its run beyond it. It never reaches past the run's time limit.
func (ex *execution) startGrace() {
	grace := graceFor(ex.req.Timeout, time.Since(ex.start))
	// When the time limit comes first, code still running is stopped by the limit, and the
	// warning says so.
	kind := kindGraceOver
	if grace < lateGrace {
		kind, ex.graceCut = KindTimeout, true
	}
	over := make(chan struct{})
	rt := ex.rt
	ex.graceOver = over
	ex.graceTimer = time.AfterFunc(grace, func() {
		close(over)
		rt.Interrupt(&interruption{kind: kind})
	})
}

// graceFor is the grace period of a run with the time limit timeout whose callback came
// after elapsed: lateGrace, or what is left of the limit when that is shorter.
func graceFor(timeout, elapsed time.Duration) time.Duration {
	return max(min(lateGrace, timeout-elapsed), 0)
}

// stopGrace releases the grace timer when the run ends first.
func (ex *execution) stopGrace() {
	if ex.graceTimer != nil {
		ex.graceTimer.Stop()
	}
}

// kindGraceOver is the interruption at the end of the grace period. It is never a report's
// error kind: the run was decided by its callback.
const kindGraceOver = "grace-over"

// afterCallback runs the event loop during the grace period after the callback: due timers,
// immediates and the microtasks they queue run; console lines are marked lateLogPrefix,
// uncaught errors and unhandled rejections become warnings. The outcome stays the callback's.
// What is still scheduled at the end is dropped with one warning.
func (ex *execution) afterCallback(timedOut <-chan struct{}) {
	ex.logs.markLate()
	// An async hook that threw after calling back has a rejected promise waiting.
	ex.checkRejections()
	for ex.lateStop == nil && ex.loop.alive() {
		ex.loop.wait(ex.graceOver, timedOut)
		if closed(ex.graceOver) || closed(timedOut) {
			break
		}
		ex.loop.runOnce(func() bool { return ex.lateStop != nil })
		ex.checkRejections()
	}
	if why := ex.lateStop; why != nil {
		ex.logs.add("warn", ex.lateStopMessage(why))
	}
	if n := ex.loop.pending(); n > 0 {
		why := fmt.Sprintf("hookterm runs a hook for at most %s after its callback", lateGrace)
		if ex.graceCut {
			why = "the run's time limit (" + ex.req.Timeout.String() + ") came first"
		}
		ex.logs.add("warn", fmt.Sprintf("hookterm: %s still pending after the callback %s dropped: %s (Auth0's container could have run %s later)",
			plural(n, "timer"), wasWere(n), why, itThem(n)))
	}
}

func (ex *execution) lateStopMessage(why *interruption) string {
	switch why.kind {
	case kindGraceOver:
		return fmt.Sprintf("hookterm: code still running %s after the callback was stopped", lateGrace)
	case KindTimeout:
		if why.message != "" {
			return "hookterm: code running after the callback was stopped: " + why.message
		}
		return "hookterm: code running after the callback was stopped at the time limit (" + ex.req.Timeout.String() + ")"
	case KindMemory:
		return "hookterm: code running after the callback was stopped: " + ex.memoryError(why.message).Message
	}
	return "hookterm: code running after the callback was stopped: " + why.message
}

// lateUncaught reports an error thrown after the callback: the run keeps the callback's
// outcome, as Auth0 had already answered, and the error shows as a warning with its stack.
func (ex *execution) lateUncaught(serr *ScriptError) {
	ex.logs.add("warn", "Uncaught "+serr.Name+" after the callback: "+serr.Message+stackFrames(serr.Stack))
}

// lateRejection reports a promise rejected with no handler after the callback.
func (ex *execution) lateRejection(serr *ScriptError) {
	ex.logs.add("warn", "Unhandled promise rejection after the callback: "+serr.Name+": "+serr.Message+stackFrames(serr.Stack))
}

// stackFrames keeps the "at …" lines of a stack, each on its own line.
func stackFrames(stack string) string {
	var b strings.Builder
	for _, l := range strings.Split(stack, "\n") {
		if t := strings.TrimSpace(l); strings.HasPrefix(t, "at ") {
			b.WriteString("\n    " + t)
		}
	}
	return b.String()
}

func closed(c <-chan struct{}) bool {
	select {
	case <-c:
		return true
	default:
		return false
	}
}

func wasWere(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}

func itThem(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}
