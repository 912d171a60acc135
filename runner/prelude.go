package runner

import (
	"sync"

	"github.com/dop251/goja"
)

// classesSource defines the error classes the webtask compilers prepend to
// every hook (EXTC compilerFactory addPreludeItems) and the builder of context.webtask.
// ExtensibilityUserError sets `name` as an own property to the constructor's name, which is why
// the custom classes carry `name` in Auth0's error envelope and a plain Error does not.
const classesSource = `(function () {
  class ExtensibilityUserError extends Error {
    constructor(message) { super(message); this.name = this.constructor.name; }
  }
  class InvalidRequestError extends ExtensibilityUserError {}
  class InvalidScopeError extends ExtensibilityUserError {}
  class ServerError extends ExtensibilityUserError {}
  class PreUserRegistrationError extends ExtensibilityUserError {
    constructor(message, friendlyMessage) { super(message); this.friendlyMessage = friendlyMessage || message; }
  }
  class SendPhoneMessageError extends ExtensibilityUserError {
    constructor(message, friendlyMessage) { super(message); this.friendlyMessage = friendlyMessage || message; }
  }
  return {
    ExtensibilityUserError: ExtensibilityUserError,
    InvalidRequestError: InvalidRequestError,
    InvalidScopeError: InvalidScopeError,
    ServerError: ServerError,
    PreUserRegistrationError: PreUserRegistrationError,
    SendPhoneMessageError: SendPhoneMessageError
  };
})()`

// webtaskSource evaluates to the builder of context.webtask.
const webtaskSource = `(function () {
  function copy(v) { return v === undefined ? undefined : JSON.parse(JSON.stringify(v)); }
  // The webtask context (webtask.io/docs/context): secrets are also merged into data; storage
  // is an in-memory store that answers asynchronously, as the real one did.
  function webtask(secrets, data, body) {
    var stored;
    return {
      id: 'hookterm-local',
      secrets: secrets,
      data: data, // a copy of secrets, made by the runner
      params: {},
      meta: {},
      query: {},
      headers: {},
      body: body,
      // A plain property, as Auth0's: console.log(context) shows it like Node does.
      storage: {
        get: function (options, cb) {
          if (typeof options === 'function') cb = options;
          var v = copy(stored);
          setImmediate(function () { cb(null, v); });
        },
        set: function (data, options, cb) {
          if (typeof options === 'function') cb = options;
          stored = copy(data);
          if (typeof cb === 'function') setImmediate(function () { cb(null); });
        }
      }
    };
  }
  return webtask;
})()`

// enterSource builds the function every turn of a script that uses process.nextTick is
// entered through: it arms the tick drain (nodelib.TickArm) inside the turn's own call, which
// is the only place a job can be queued ahead of the turn's promise reactions (goja drains the
// job queue when each call from Go returns). Its frame is the prelude's, left out of stacks.
//
// The hook and timer callbacks are called directly (no this), so that their stacks hold no
// native frame of Reflect.apply; the module function needs module.exports as this.
const enterSource = `(function (arm) {
  'use strict';
  const apply = Reflect.apply;
  return function enter(fn, thisArg, args) {
    arm();
    if (thisArg === undefined) return fn(...args);
    return apply(fn, thisArg, args);
  };
})`

// The prelude programs are compiled once, on first use rather than at start-up (every
// hookterm process, workers included, would pay for them): a goja.Program is immutable and may
// run in many runtimes.
var (
	classesProgram = sync.OnceValue(func() *goja.Program { return goja.MustCompile("hookterm:prelude", classesSource, true) })
	webtaskProgram = sync.OnceValue(func() *goja.Program { return goja.MustCompile("hookterm:prelude", webtaskSource, true) })
	enterProgram   = sync.OnceValue(func() *goja.Program { return goja.MustCompile("hookterm:prelude", enterSource, true) })
)
