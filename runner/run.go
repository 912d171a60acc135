package runner

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/dop251/goja"

	"github.com/hookterm/hookterm/runner/nodelib"
	"github.com/hookterm/hookterm/trigger"
)

// maxCallStackSize bounds JavaScript recursion. Without a bound, recursion through getters
// grows the Go stack until the process dies. Node allows about 10,000 small frames, but goja
// unwinds recursion through native calls (getters, toString, Array.prototype.map) in time
// quadratic in the depth: 2,000 frames fail in about 0.1 s, 10,000 in several seconds.
const maxCallStackSize = 2000

// defaultFilename names the script in stacks when the request does not.
const defaultFilename = "hook.js"

// interruption is the value passed to Runtime.Interrupt: why the run was stopped.
type interruption struct {
	kind    string // KindTimeout or KindMemory
	message string
}

// runOptions are the knobs only the worker sets.
type runOptions struct {
	// watch, when set, receives the execution before it starts so that a watchdog can
	// interrupt it (memory) or abandon it (a native call that does not return).
	watch func(ex *execution)
}

// RunInProcess runs req in this process without supervision: a script that allocates without
// bound or a regular expression that backtracks forever is not stopped here. The worker and
// the benchmarks use it; everything else goes through a Pool.
func RunInProcess(ctx context.Context, req Request) (*Report, error) {
	return runInProcess(ctx, req, runOptions{})
}

func runInProcess(ctx context.Context, req Request, opts runOptions) (*Report, error) {
	point, ok := trigger.Lookup(string(req.Trigger))
	if !ok {
		_, err := trigger.Parse(string(req.Trigger))
		return nil, fmt.Errorf("run hook: %w", err)
	}
	if len(req.Payload) == 0 {
		req.Payload = json.RawMessage(point.Sample)
	}
	if req.Filename == "" {
		req.Filename = defaultFilename
	}
	if req.Timeout <= 0 {
		req.Timeout = DefaultTimeout
	}
	start := time.Now()
	ex := &execution{req: req, point: point, start: start}
	if opts.watch != nil {
		opts.watch(ex)
	}
	ex.run(ctx)
	if ex.payloadErr != nil {
		return nil, ex.payloadErr
	}
	return ex.report(), nil
}

// execution is one run of a hook: its runtime, loop, logs and outcome.
type execution struct {
	req   Request
	point trigger.Point
	start time.Time
	prog  *compiled

	rt   *goja.Runtime
	loop *eventLoop
	logs logBuffer
	body goja.Value // the payload as JavaScript

	// payloadErr is set when the payload fails the point's validation: the script never ran.
	payloadErr *PayloadError

	// The outcome: the first of the callback, a throw, a rejection, an interruption.
	mu      sync.Mutex
	decided bool
	result  json.RawMessage
	err     *ScriptError
	// applied is what Auth0 would do with the result, computed from the real result when
	// the callback gives it (the report shows it with secrets masked).
	applied *Applied
	// byCallback is set when the callback decided the outcome (cb(null, r) or cb(err)):
	// the script then goes on for a grace period, as the webtask container did.
	byCallback bool
	// decidedAt is when the outcome was decided: the report's duration ends there.
	decidedAt time.Time

	// lateStop is the interruption that stopped code running after the callback (the end
	// of the grace period, the time limit, the memory limit). It belongs to the runtime's
	// goroutine.
	lateStop *interruption
	// graceOver is closed when the grace period after the callback ends (graceTimer).
	graceOver  chan struct{}
	graceTimer *time.Timer
	// graceCut says the run's time limit ends the grace period before lateGrace does.
	graceCut bool

	// pendingInterrupt is an interruption requested before the runtime existed.
	pendingInterrupt *interruption

	// rejections are promises rejected with no handler yet, checked after each macrotask.
	rejections []*goja.Promise
}

// decide records a failed outcome if none was recorded yet and reports whether it did.
func (ex *execution) decide(err *ScriptError) bool {
	return ex.record(nil, nil, err, false)
}

// record records the outcome if none was recorded yet and reports whether it did.
func (ex *execution) record(result json.RawMessage, applied *Applied, err *ScriptError, byCallback bool) bool {
	ex.mu.Lock()
	defer ex.mu.Unlock()
	if ex.decided {
		return false
	}
	ex.decided, ex.result, ex.applied, ex.err, ex.byCallback = true, result, applied, err, byCallback
	ex.decidedAt = time.Now()
	return true
}

// decidedByCallback reports whether the callback decided the outcome.
func (ex *execution) decidedByCallback() bool {
	ex.mu.Lock()
	defer ex.mu.Unlock()
	return ex.byCallback
}

func (ex *execution) isDecided() bool {
	ex.mu.Lock()
	defer ex.mu.Unlock()
	return ex.decided
}

// interrupt stops the script at its next instruction; safe from any goroutine.
func (ex *execution) interrupt(why *interruption) {
	ex.mu.Lock()
	rt := ex.rt
	if rt == nil {
		ex.pendingInterrupt = why
	}
	ex.mu.Unlock()
	if rt != nil {
		rt.Interrupt(why)
	}
}

// abandon decides the outcome from another goroutine (the worker's watchdog) when the runtime
// does not come back from an interruption (a native call such as a backtracking regular
// expression); the caller then reports and discards the whole process.
func (ex *execution) abandon(serr *ScriptError) {
	ex.decide(serr)
}

func (ex *execution) run(ctx context.Context) {
	rt := goja.New()
	ex.mu.Lock()
	ex.rt = rt
	pending := ex.pendingInterrupt
	ex.mu.Unlock()
	if pending != nil {
		rt.Interrupt(pending)
	}
	rt.SetMaxCallStackSize(maxCallStackSize)
	ex.loop = newEventLoop(rt, ex.uncaught)
	rt.SetPromiseRejectionTracker(func(p *goja.Promise, op goja.PromiseRejectionOperation) {
		switch op {
		case goja.PromiseRejectionReject:
			ex.rejections = append(ex.rejections, p)
		case goja.PromiseRejectionHandle:
			for i, q := range ex.rejections {
				if q == p {
					ex.rejections = append(ex.rejections[:i], ex.rejections[i+1:]...)
					break
				}
			}
		}
	})
	require, err := installNode(rt, ex)
	if err == nil {
		err = installScope(ex)
	}
	if err != nil {
		ex.decide(&ScriptError{Name: "Error", Message: fmt.Sprintf("set up the Node.js globals: %v", err), Kind: KindInternal})
		return
	}
	if ex.body, err = parseJSON(rt, ex.req.Payload); err != nil {
		ex.payloadErr = &PayloadError{Trigger: ex.point.ID, Message: "the payload is not valid JSON: " + err.Error()}
		return
	}
	if ex.payloadErr = validatePayload(ex.point.ID, ex.body); ex.payloadErr != nil {
		return
	}
	prog, serr := sharedPrograms.get(ex.req.Filename, ex.req.Script, ex.classNames())
	if serr != nil {
		ex.decide(serr)
		return
	}
	ex.prog = prog
	if prog.usesJSON {
		installFastJSON(rt)
	}
	if prog.usesNextTick {
		if err := ex.installEnter(); err != nil {
			ex.decide(&ScriptError{Name: "Error", Message: fmt.Sprintf("set up process.nextTick: %v", err), Kind: KindInternal})
			return
		}
	}
	if prog.patches != 0 {
		// Auth0 ran hooks in UTC.
		if err := nodelib.InstallPatches(rt, prog.patches, time.UTC); err != nil {
			ex.decide(&ScriptError{Name: "Error", Message: fmt.Sprintf("set up the Node built-ins: %v", err), Kind: KindInternal})
			return
		}
	}

	deadline := time.NewTimer(ex.req.Timeout)
	defer deadline.Stop()
	defer ex.stopGrace()
	timedOut := make(chan struct{})
	stopWatch := make(chan struct{})
	defer close(stopWatch)
	go func() {
		select {
		case <-deadline.C:
			close(timedOut)
			rt.Interrupt(&interruption{kind: KindTimeout})
		case <-ctx.Done():
			close(timedOut)
			rt.Interrupt(&interruption{kind: KindTimeout, message: "the run was cancelled: " + ctx.Err().Error()})
		case <-stopWatch:
		}
	}()

	if !ex.start0(require) {
		return
	}
	for !ex.isDecided() {
		ex.checkRejections()
		if ex.isDecided() {
			break
		}
		if !ex.loop.alive() {
			ex.decide(ex.timeoutError(true))
			break
		}
		ex.loop.wait(timedOut, nil)
		select {
		case <-timedOut:
			// The interrupt may have landed between callbacks, where no JS ran to notice it.
			ex.decide(ex.timeoutError(false))
			return
		default:
		}
		ex.loop.runOnce(ex.isDecided)
	}
	if ex.decidedByCallback() {
		ex.afterCallback(timedOut)
	}
}

func (ex *execution) classNames() []string {
	return append([]string{"ExtensibilityUserError"}, ex.point.ErrorClasses...)
}

// start0 evaluates the script, finds the exported function and calls it with the point's
// arguments. It returns false when the run is already over.
func (ex *execution) start0(require goja.Value) bool {
	rt := ex.rt
	var classes *goja.Object
	if ex.prog.usesClasses() {
		v, err := rt.RunProgram(classesProgram())
		if err != nil {
			ex.fail(err)
			return false
		}
		classes = v.ToObject(rt)
	}

	wrapperVal, err := rt.RunProgram(ex.prog.prg)
	if err != nil {
		ex.fail(err)
		return false
	}
	wrapper, _ := goja.AssertFunction(wrapperVal)
	module := rt.NewObject()
	exports := rt.NewObject()
	_ = module.Set("exports", exports)
	_ = module.Set("id", ".")
	_ = module.Set("filename", "/"+ex.req.Filename)
	_ = module.Set("loaded", false)
	args := []goja.Value{exports, require, module, rt.ToValue("/" + ex.req.Filename), rt.ToValue("/")}
	for i, c := range ex.prog.classes {
		if ex.prog.uses[i] {
			args = append(args, classes.Get(c))
		} else {
			args = append(args, goja.Undefined())
		}
	}
	returned, err := ex.loop.enterCall(wrapper, wrapperVal, exports, args)
	if err != nil {
		ex.fail(err)
		return false
	}
	_ = module.Set("loaded", true)
	hookVal := returned
	if _, ok := goja.AssertFunction(hookVal); !ok {
		hookVal = module.Get("exports")
	}
	hook, ok := goja.AssertFunction(hookVal)
	if !ok {
		ex.decide(&ScriptError{Name: "Error", Message: "Supplied code must return or export a function.", Kind: KindExport})
		return false
	}

	hookArgs, err := ex.arguments()
	if err != nil {
		ex.fail(err)
		return false
	}
	hookArgs = append(hookArgs, rt.ToValue(ex.callback))
	ret, err := ex.loop.enterCall(hook, hookVal, goja.Undefined(), hookArgs)
	if err != nil {
		// A throw after the callback is a warning; the run goes on to its grace period.
		ex.uncaught(err)
		return ex.decidedByCallback()
	}
	_ = ret // an async hook's promise is watched through the rejection tracker, as Node does
	return true
}

// arguments builds the point's arguments from the payload the way its compiler does.
func (ex *execution) arguments() ([]goja.Value, error) {
	rt := ex.rt
	body := ex.body.ToObject(rt)
	// secrets and data (webtask merges secrets into data) are built here: in the prelude,
	// Object.assign would build goja's lazy Object constructor on every run.
	secrets, data := rt.NewObject(), rt.NewObject()
	for _, k := range sortedSecretNames(ex.req.Secrets) {
		v := rt.ToValue(ex.req.Secrets[k])
		_ = secrets.Set(k, v)
		_ = data.Set(k, v)
	}
	builder, err := rt.RunProgram(webtaskProgram())
	if err != nil {
		return nil, err
	}
	makeWebtask, _ := goja.AssertFunction(builder)
	webtask, err := makeWebtask(goja.Undefined(), secrets, data, body)
	if err != nil {
		return nil, err
	}
	get := func(name string) goja.Value { return body.Get(name) }
	var ctxObj *goja.Object
	switch ex.point.ID {
	case trigger.CredentialsExchange:
		// context = body.context when it is an object, else {}; then context.webtask is set.
		if o, ok := get("context").(*goja.Object); ok {
			ctxObj = o
		} else {
			ctxObj = rt.NewObject()
		}
		_ = ctxObj.Set("webtask", webtask)
	case trigger.SendPhoneMessage:
		ctxObj = get("context").ToObject(rt)
		_ = ctxObj.Set("webtask", webtask)
	default:
		// Object.assign({}, body.context, {webtask})
		ctxObj = rt.NewObject()
		if src, ok := get("context").(*goja.Object); ok {
			for _, k := range src.Keys() {
				_ = ctxObj.Set(k, src.Get(k))
			}
		}
		_ = ctxObj.Set("webtask", webtask)
	}
	args := make([]goja.Value, 0, len(ex.point.Args)+1)
	for _, name := range ex.point.Args {
		if name == "context" {
			args = append(args, ctxObj)
		} else {
			args = append(args, get(name))
		}
	}
	return args, nil
}

// callback is the hook's cb(error, result): the first call decides the run, later calls are
// ignored with a warning, as Auth0 answered only once.
func (ex *execution) callback(call goja.FunctionCall) goja.Value {
	rt := ex.rt
	if ex.isDecided() {
		ex.logs.add("warn", "hookterm: the callback was called again; Auth0 uses only the first call")
		return goja.Undefined()
	}
	errVal := call.Argument(0)
	if errVal.ToBoolean() {
		if ex.record(nil, nil, ex.errorFromValue(errVal, KindRuntime), true) {
			ex.startGrace()
		}
		return goja.Undefined()
	}
	data := call.Argument(1)
	if !data.ToBoolean() && ex.point.ID != trigger.CredentialsExchange && ex.point.ID != trigger.SendPhoneMessage {
		// The user-registration compiler replaces a missing or falsy result with {}.
		data = rt.NewObject()
	}
	raw, err := stringifyResult(rt, data)
	if err != nil {
		se := &ScriptError{Name: "Error", Message: "Error when JSON serializing the result of the extension point", Kind: KindCallback}
		var jsErr *goja.Exception
		if errors.As(err, &jsErr) {
			cause := ex.errorFromValue(jsErr.Value(), KindCallback)
			se.Stack = cause.Stack
			se.Line, se.Column = cause.Line, cause.Column
			if se.Stack == "" {
				se.Stack = cause.Name + ": " + cause.Message
			}
		}
		if ex.record(nil, nil, se, true) {
			ex.startGrace()
		}
		return goja.Undefined()
	}
	// What Auth0 would apply is computed now, from the result as the callback gave it: the
	// script may change the object afterwards, and after the callback the runtime belongs to
	// the grace period (or, abandoned, to a stuck native call).
	applied := computeApplied(rt, ex.point.ID, data)
	if ex.record(raw, applied, nil, true) {
		ex.startGrace()
	}
	return goja.Undefined()
}

// uncaught handles an error thrown by a timer callback or a posted completion: before the
// outcome it is the hook's error (Node would crash the webtask); after the callback, a
// warning (lateUncaught); after another outcome, a log line.
func (ex *execution) uncaught(err error) {
	if ex.decidedByCallback() {
		var intr *goja.InterruptedError
		if errors.As(err, &intr) {
			// The end of the grace period, the time limit or the memory limit stopped code
			// running after the callback: afterCallback says so once.
			if why, ok := intr.Value().(*interruption); ok && ex.lateStop == nil {
				ex.lateStop = why
			} else if ex.lateStop == nil {
				ex.lateStop = &interruption{kind: KindInternal, message: intr.Error()}
			}
			return
		}
	}
	if ex.fail(err) {
		return
	}
	if ex.decidedByCallback() {
		ex.lateUncaught(ex.errorFromGo(err))
		return
	}
	ex.logs.add("error", "Uncaught "+ex.errorFromGo(err).Stack)
}

// uncaughtValue is uncaught for a thrown JavaScript value (a queueMicrotask or nextTick
// callback's error, reported by nodelib).
func (ex *execution) uncaughtValue(v goja.Value) {
	serr := ex.errorFromValue(v, KindRuntime)
	if ex.decide(serr) {
		return
	}
	if ex.decidedByCallback() {
		ex.lateUncaught(serr)
		return
	}
	ex.logs.add("error", "Uncaught "+serr.Stack)
}

// fail decides the run from a Go error returned by goja. It reports whether it decided.
func (ex *execution) fail(err error) bool {
	return ex.decide(ex.errorFromGo(err))
}

// checkRejections turns a promise rejected with no handler, after the microtasks ran, into
// the hook's error, as Node 15+ crashes on an unhandled rejection.
func (ex *execution) checkRejections() {
	if len(ex.rejections) == 0 {
		return
	}
	if ex.decidedByCallback() {
		// After the callback every rejection is reported: none of them fails the run.
		for _, p := range ex.rejections {
			ex.lateRejection(ex.errorFromValue(p.Result(), KindRuntime))
		}
		ex.rejections = nil
		return
	}
	p := ex.rejections[0]
	ex.rejections = nil
	serr := ex.errorFromValue(p.Result(), KindRuntime)
	if !ex.decide(serr) {
		ex.logs.add("error", "Unhandled promise rejection: "+serr.Name+": "+serr.Message)
	}
}

func (ex *execution) timeoutError(neverCalled bool) *ScriptError {
	if neverCalled {
		return &ScriptError{
			Name:    "TimeoutError",
			Message: "The callback was never called and nothing is left to run: Auth0 would end this hook at its time limit (" + ex.req.Timeout.String() + ") with \"Request to Webtask exceeded allowed execution time\"",
			Kind:    KindTimeout,
		}
	}
	return &ScriptError{
		Name:    "TimeoutError",
		Message: "Script execution did not finish within " + ex.req.Timeout.String() + " (Auth0: \"Request to Webtask exceeded allowed execution time\")",
		Kind:    KindTimeout,
	}
}

// report builds the report from the outcome. It does not wait for the script: after abandon
// the runtime may still be stuck in native code.
func (ex *execution) report() *Report {
	ex.mu.Lock()
	defer ex.mu.Unlock()
	// The duration is the time to the outcome (for a hook, to its callback), not including
	// the grace period after it.
	end := ex.decidedAt
	if end.IsZero() {
		end = time.Now()
	}
	r := &Report{
		Trigger:    ex.point.ID,
		OK:         ex.err == nil,
		Result:     ex.result,
		Error:      ex.err,
		Logs:       ex.logs.snapshot(),
		DurationMs: float64(end.Sub(ex.start).Microseconds()) / 1000,
	}
	if r.Result == nil {
		r.Result = json.RawMessage("null")
	}
	if r.OK && ex.applied != nil {
		a := *ex.applied // the redactor replaces what it masks: the recorded value stays real
		r.Applied = &a
	}
	if r.Error != nil {
		e := *r.Error // the recorded outcome stays as it was; the report gets a redacted copy
		r.Error = &e
	}
	newRedactor(ex.req.Secrets).report(r)
	return r
}

// sortedSecretNames orders secrets by name, so that Object.keys(context.webtask.secrets) is
// the same on every run.
func sortedSecretNames(secrets map[string]string) []string {
	names := make([]string, 0, len(secrets))
	for k := range secrets {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// installEnter makes every turn of the run (the module, the hook's call, each timer
// callback) go through the prelude's enter, which arms nodelib's process.nextTick drain first.
func (ex *execution) installEnter() error {
	arm := nodelib.TickArm(ex.rt)
	if arm == nil {
		return errors.New("the Node surface is not installed")
	}
	factoryVal, err := ex.rt.RunProgram(enterProgram())
	if err != nil {
		return fmt.Errorf("compile the turn entry: %w", err)
	}
	factory, _ := goja.AssertFunction(factoryVal)
	enter, err := factory(goja.Undefined(), arm)
	if err != nil {
		return fmt.Errorf("build the turn entry: %w", err)
	}
	fn, ok := goja.AssertFunction(enter)
	if !ok {
		return errors.New("the turn entry is not a function")
	}
	ex.loop.enter = fn
	return nil
}
