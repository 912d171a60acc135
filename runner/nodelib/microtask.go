package nodelib

import (
	"github.com/dop251/goja"
)

// queueMicrotask and process.nextTick are JavaScript functions that queue a reaction on an
// already resolved promise: goja has no other microtask queue, and calling goja's promise
// API from inside a native function queued jobs in a different order than V8 when the hook
// was entered from Go. A throw in the callback is reported through Options.OnUncaught (Node
// treats it as an uncaught exception); without it the reaction's promise rejects, which a
// promise rejection tracker sees.
const microtaskSource = `(function (onUncaught, invalidCallback) {
  'use strict';
  const then = Promise.prototype.then;
  const resolved = Promise.resolve();
  function enqueue(callback, args) {
    if (typeof callback !== 'function') throw invalidCallback(callback);
    then.call(resolved, () => {
      if (onUncaught === null) return callback(...args);
      try {
        callback(...args);
      } catch (e) {
        onUncaught(e);
      }
    });
  }
  return {
    queueMicrotask: function queueMicrotask(callback) { enqueue(callback, []); },
    nextTick: function nextTick(callback, ...args) { enqueue(callback, args); },
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
