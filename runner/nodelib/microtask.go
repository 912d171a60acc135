package nodelib

import (
	"github.com/dop251/goja"
)

// queueMicrotask queues a reaction on an already resolved promise: goja has no other
// microtask queue, and calling goja's promise API from inside a native function queued jobs
// in a different order than V8 when the hook was entered from Go.
//
// process.nextTick has a queue of its own, drained by one promise job, as Node's
// processTicksAndRejections drains it: every tick (and the ticks they queue) before the
// promise reactions queued after the drain. For ticks to run before the reactions of the same
// turn — Node runs the tick queue before the microtask queue — the drain must be queued ahead
// of them: arm() queues it, and the runner calls arm first thing in every turn (the hook's
// call, each timer callback) of a script that uses nextTick (see TickArm). Without arm, the
// drain is queued when the first tick is, behind the reactions already queued.
//
// A throw in a callback is reported through Options.OnUncaught (Node treats it as an uncaught
// exception); without it the job's promise rejects, which a promise rejection tracker sees.
const microtaskSource = `(function (onUncaught, invalidCallback) {
  'use strict';
  const then = Promise.prototype.then;
  const resolved = Promise.resolve();
  function run(callback, args) {
    if (onUncaught === null) return callback(...args);
    try {
      callback(...args);
    } catch (e) {
      onUncaught(e);
    }
  }
  const ticks = [];
  let drainQueued = false;
  function drainTicks() {
    drainQueued = false;
    while (ticks.length > 0) {
      const tick = ticks.shift();
      run(tick[0], tick[1]);
    }
  }
  function queueDrain() {
    drainQueued = true;
    then.call(resolved, drainTicks);
  }
  return {
    queueMicrotask: function queueMicrotask(callback) {
      if (typeof callback !== 'function') throw invalidCallback(callback);
      then.call(resolved, () => run(callback, []));
    },
    nextTick: function nextTick(callback, ...args) {
      if (typeof callback !== 'function') throw invalidCallback(callback);
      ticks.push([callback, args]);
      if (!drainQueued) queueDrain();
    },
    // Unconditional: a turn that ended abruptly may have dropped a queued drain.
    arm: queueDrain,
  };
})`

var microtaskJS = newJSModule("internal/microtask", microtaskSource)

func (e *env) microtaskModule() goja.Value {
	onUncaught := goja.Value(goja.Null())
	if e.opts.OnUncaught != nil {
		onUncaught = e.rt.ToValue(func(c goja.FunctionCall) goja.Value {
			e.opts.OnUncaught(c.Argument(0))
			return goja.Undefined()
		})
	}
	invalid := e.rt.ToValue(func(c goja.FunctionCall) goja.Value {
		return e.nodeError("TypeError", "ERR_INVALID_ARG_TYPE",
			"The \"callback\" argument must be of type function. Received "+describeReceived(e.rt, c.Argument(0)))
	})
	return e.load(microtaskJS, onUncaught, invalid)
}

// TickArm returns the function a turn of the event loop calls first, from inside the
// JavaScript call that runs the turn, so that the process.nextTick callbacks queued during the
// turn run before the promise reactions it queues, as in Node. It is nil when rt has no Node
// surface (Enable was not called).
func TickArm(rt *goja.Runtime) goja.Value {
	// Enable put its lazy scope on the global object's prototype chain (the runner may have
	// put scopes of its own in front of it).
	for proto := rt.GlobalObject().Prototype(); proto != nil; proto = proto.Prototype() {
		if scope, ok := proto.Export().(*lazyScope); ok {
			return scope.e.obj("internal/microtask").Get("arm")
		}
	}
	return nil
}
