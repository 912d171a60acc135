package runner

import (
	"container/heap"
	"time"

	"github.com/dop251/goja"
)

// eventLoop is the run's own event loop: Node's timers (setTimeout, setInterval, setImmediate
// and their clear* functions). goja_nodejs's loop drops errors thrown in timer callbacks; this
// one hands each callback's error to onError so it reaches the report. It runs on the
// goroutine that owns the runtime; the built-ins of package nodelib complete synchronously or
// through these timers, so nothing is posted from other goroutines.
type eventLoop struct {
	rt      *goja.Runtime
	onError func(err error)

	timers     timerHeap
	byID       map[int64]*jsTimer
	byObject   map[*goja.Object]*jsTimer
	immediates []*jsTimer
	nextID     int64
	seq        uint64
	proto      *goja.Object
	// enter, when set, is the prelude's turn entry (execution.installEnter): every call into
	// the script goes through it so that process.nextTick callbacks run before promise
	// reactions.
	enter goja.Callable
}

type jsTimer struct {
	id        int64
	when      time.Time
	seq       uint64
	delay     time.Duration
	fn        goja.Callable
	fnValue   goja.Value
	args      []goja.Value
	repeat    bool
	immediate bool
	cleared   bool
	ref       bool
	index     int // in the heap; -1 when not scheduled
	obj       *goja.Object
}

type timerHeap []*jsTimer

func (h timerHeap) Len() int { return len(h) }
func (h timerHeap) Less(i, j int) bool {
	if h[i].when.Equal(h[j].when) {
		return h[i].seq < h[j].seq
	}
	return h[i].when.Before(h[j].when)
}
func (h timerHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index = i
	h[j].index = j
}
func (h *timerHeap) Push(x any) {
	t := x.(*jsTimer)
	t.index = len(*h)
	*h = append(*h, t)
}
func (h *timerHeap) Pop() any {
	old := *h
	t := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	t.index = -1
	return t
}

func newEventLoop(rt *goja.Runtime, onError func(error)) *eventLoop {
	return &eventLoop{
		rt:       rt,
		onError:  onError,
		byID:     make(map[int64]*jsTimer),
		byObject: make(map[*goja.Object]*jsTimer),
	}
}

// global builds the timer global name (setTimeout, clearInterval, …).
func (l *eventLoop) global(name string) goja.Value {
	rt := l.rt
	switch name {
	case "setTimeout":
		return rt.ToValue(func(call goja.FunctionCall) goja.Value { return l.schedule(call, false, false) })
	case "setInterval":
		return rt.ToValue(func(call goja.FunctionCall) goja.Value { return l.schedule(call, true, false) })
	case "setImmediate":
		return rt.ToValue(func(call goja.FunctionCall) goja.Value { return l.schedule(call, false, true) })
	case "clearTimeout", "clearInterval", "clearImmediate":
		return rt.ToValue(func(call goja.FunctionCall) goja.Value {
			l.clear(call.Argument(0))
			return goja.Undefined()
		})
	}
	return goja.Undefined()
}

// timerProto is the prototype of the Timeout/Immediate objects the timer functions return, with
// Node's ref/unref/hasRef/refresh and a numeric primitive value (the timer's id).
func (l *eventLoop) timerProto() *goja.Object {
	if l.proto != nil {
		return l.proto
	}
	rt := l.rt
	p := rt.NewObject()
	self := func(call goja.FunctionCall) *jsTimer {
		if o, ok := call.This.(*goja.Object); ok {
			return l.byObject[o]
		}
		return nil
	}
	_ = p.Set("ref", func(call goja.FunctionCall) goja.Value {
		if t := self(call); t != nil {
			t.ref = true
		}
		return call.This
	})
	_ = p.Set("unref", func(call goja.FunctionCall) goja.Value {
		if t := self(call); t != nil {
			t.ref = false
		}
		return call.This
	})
	_ = p.Set("hasRef", func(call goja.FunctionCall) goja.Value {
		t := self(call)
		return rt.ToValue(t != nil && t.ref)
	})
	_ = p.Set("refresh", func(call goja.FunctionCall) goja.Value {
		if t := self(call); t != nil && !t.cleared && !t.immediate {
			if t.index >= 0 {
				heap.Remove(&l.timers, t.index)
			}
			l.seq++
			t.when, t.seq = time.Now().Add(t.delay), l.seq
			heap.Push(&l.timers, t)
		}
		return call.This
	})
	_ = p.Set("close", func(call goja.FunctionCall) goja.Value {
		if t := self(call); t != nil {
			l.cancel(t)
		}
		return call.This
	})
	_ = p.SetSymbol(goja.SymToPrimitive, func(call goja.FunctionCall) goja.Value {
		if t := self(call); t != nil {
			return rt.ToValue(t.id)
		}
		return goja.NaN()
	})
	l.proto = p
	return p
}

func (l *eventLoop) schedule(call goja.FunctionCall, repeat, immediate bool) goja.Value {
	rt := l.rt
	fn, ok := goja.AssertFunction(call.Argument(0))
	if !ok {
		panic(rt.NewTypeError("The \"callback\" argument must be of type function. Received %s", describeValue(call.Argument(0))))
	}
	t := &jsTimer{fn: fn, fnValue: call.Argument(0), repeat: repeat, immediate: immediate, ref: true, index: -1}
	rest := 1
	if !immediate {
		// Node: a delay that is not a number in [1, 2^31-1] ms becomes 1 ms.
		d := call.Argument(1).ToFloat()
		if !(d >= 1 && d <= 2147483647) {
			d = 1
		}
		t.delay = time.Duration(d * float64(time.Millisecond))
		rest = 2
	}
	if len(call.Arguments) > rest {
		t.args = append([]goja.Value(nil), call.Arguments[rest:]...)
	}
	l.nextID++
	t.id = l.nextID
	l.seq++
	t.seq = l.seq
	obj := rt.NewObject()
	_ = obj.SetPrototype(l.timerProto())
	t.obj = obj
	l.byID[t.id] = t
	l.byObject[obj] = t
	if immediate {
		l.immediates = append(l.immediates, t)
	} else {
		t.when = time.Now().Add(t.delay)
		heap.Push(&l.timers, t)
	}
	return obj
}

func (l *eventLoop) clear(v goja.Value) {
	var t *jsTimer
	switch x := v.(type) {
	case *goja.Object:
		t = l.byObject[x]
	default:
		if v != nil && !goja.IsUndefined(v) && !goja.IsNull(v) {
			t = l.byID[v.ToInteger()]
		}
	}
	if t != nil {
		l.cancel(t)
	}
}

func (l *eventLoop) cancel(t *jsTimer) {
	t.cleared = true
	if t.index >= 0 {
		heap.Remove(&l.timers, t.index)
	}
	delete(l.byID, t.id)
	delete(l.byObject, t.obj)
}

// alive reports whether anything can still run: a timer or an immediate. Unlike Node's rule
// for ending a process, an unref'd timer counts: Auth0 ran hooks in a long-lived server, where
// such a timer (AbortSignal.timeout's, say) still fires and may call back.
func (l *eventLoop) alive() bool {
	return len(l.immediates) > 0 || len(l.timers) > 0
}

// runOnce runs one turn of the loop, Node's phases in order: due timers, then the immediates
// queued before this turn. stop is checked between callbacks.
func (l *eventLoop) runOnce(stop func() bool) {
	now := time.Now()
	for len(l.timers) > 0 && !stop() {
		t := l.timers[0]
		if t.when.After(now) {
			break
		}
		heap.Pop(&l.timers)
		if t.repeat {
			l.seq++
			t.when, t.seq = now.Add(t.delay), l.seq
			heap.Push(&l.timers, t)
		} else {
			delete(l.byID, t.id)
			delete(l.byObject, t.obj)
		}
		l.call(t)
	}
	imm := l.immediates
	l.immediates = nil
	for i, t := range imm {
		if stop() {
			l.immediates = append(imm[i:], l.immediates...)
			return
		}
		if t.cleared {
			continue
		}
		delete(l.byID, t.id)
		delete(l.byObject, t.obj)
		l.call(t)
	}
}

func (l *eventLoop) call(t *jsTimer) {
	if _, err := l.enterCall(t.fn, t.fnValue, goja.Undefined(), t.args); err != nil {
		l.onError(err)
	}
}

// enterCall calls f (whose value is fv) as one turn of the loop: through enter when it is set.
func (l *eventLoop) enterCall(f goja.Callable, fv, this goja.Value, args []goja.Value) (goja.Value, error) {
	if l.enter == nil {
		return f(this, args...)
	}
	return l.enter(goja.Undefined(), fv, this, l.rt.NewArray(anySlice(args)...))
}

func anySlice(vals []goja.Value) []any {
	out := make([]any, len(vals))
	for i, v := range vals {
		out[i] = v
	}
	return out
}

// wait blocks until the next timer is due or done or also fires (a nil channel never does).
func (l *eventLoop) wait(done, also <-chan struct{}) {
	if len(l.immediates) > 0 {
		return
	}
	var timerC <-chan time.Time
	if len(l.timers) > 0 {
		d := time.Until(l.timers[0].when)
		if d <= 0 {
			return
		}
		tm := time.NewTimer(d)
		defer tm.Stop()
		timerC = tm.C
	}
	select {
	case <-timerC:
	case <-done:
	case <-also:
	}
}

// pending counts the timers and immediates still scheduled, referenced or not.
func (l *eventLoop) pending() int {
	n := len(l.timers)
	for _, t := range l.immediates {
		if !t.cleared {
			n++
		}
	}
	return n
}

func describeValue(v goja.Value) string {
	switch {
	case v == nil || goja.IsUndefined(v):
		return "undefined"
	case goja.IsNull(v):
		return "null"
	}
	if _, ok := v.(*goja.Object); ok {
		return "an instance of Object"
	}
	return v.String()
}
