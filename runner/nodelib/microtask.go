package nodelib

import (
	"errors"

	"github.com/dop251/goja"
)

// enqueueMicrotask queues fn(...args) on goja's promise job queue: goja has no other
// microtask queue, so queueMicrotask and process.nextTick share it (in Node, nextTick
// callbacks run before promise reactions; here they run in call order with them).
func (e *env) enqueueMicrotask(fn goja.Value, args []goja.Value) {
	cb, ok := goja.AssertFunction(fn)
	if !ok {
		panic(e.nodeError("TypeError", "ERR_INVALID_ARG_TYPE",
			"The \"callback\" argument must be of type function. Received "+describeReceived(e.rt, fn)))
	}
	rt := e.rt
	p, resolve, _ := rt.NewPromise()
	po := rt.ToValue(p).ToObject(rt)
	then, _ := goja.AssertFunction(po.Get("then"))
	handler := rt.ToValue(func(goja.FunctionCall) goja.Value {
		_, err := cb(goja.Undefined(), args...)
		if err != nil {
			var exc *goja.Exception
			if errors.As(err, &exc) && e.opts.OnUncaught != nil {
				// Node treats a throw in a microtask as an uncaught exception.
				e.opts.OnUncaught(exc.Value())
				return goja.Undefined()
			}
			panic(err)
		}
		return goja.Undefined()
	})
	if _, err := then(po, handler); err != nil {
		panic(err)
	}
	if err := resolve(goja.Undefined()); err != nil {
		panic(err)
	}
}

func (e *env) queueMicrotask(call goja.FunctionCall) goja.Value {
	e.enqueueMicrotask(call.Argument(0), nil)
	return goja.Undefined()
}
