// Node's assert module: the assertions hooks use, with Node's messages for primitive
// values. Deep-equality failures carry a simplified message (Node prints a diff).
(function (binding, util) {
  'use strict';
  const inspect = (v) => binding.inspect(v);
  class AssertionError extends Error {
    constructor(options) {
      const { message, actual, expected, operator } = options;
      super(message !== undefined ? String(message) : binding.inspect(actual) + ' ' + operator + ' ' + binding.inspect(expected));
      this.generatedMessage = message === undefined || options.generated === true;
      this.code = 'ERR_ASSERTION';
      this.actual = actual;
      this.expected = expected;
      this.operator = operator;
      Object.defineProperty(this, 'name', { value: 'AssertionError', enumerable: false, writable: true, configurable: true });
    }
    toString() { return this.name + ' [' + this.code + ']: ' + this.message; }
  }
  function fail(actual, expected, message, operator) {
    if (arguments.length === 0) message = 'Failed';
    else if (arguments.length === 1) { message = actual; actual = undefined; }
    if (message instanceof Error) throw message;
    throw new AssertionError({ message, actual, expected, operator: operator === undefined ? 'fail' : operator, generated: arguments.length === 0 });
  }
  function innerFail(obj) {
    if (obj.message instanceof Error) throw obj.message;
    throw new AssertionError(obj);
  }
  function innerOk(fn, argLen, value, message) {
    if (!value) {
      let generated = false;
      if (argLen === 0) {
        message = 'No value argument passed to `assert.ok()`';
        generated = true;
      } else if (message === undefined) {
        // Node quotes the call's source when it can read the file; hooks are compiled from
        // strings, so Node falls back to this form there too.
        message = inspect(value) + ' == true';
        generated = true;
      }
      const err = new AssertionError({ actual: value, expected: true, message, operator: '==' });
      err.generatedMessage = generated;
      throw err;
    }
  }
  function ok(...args) { innerOk(ok, args.length, ...args); }
  const assert = function assert(...args) { innerOk(assert, args.length, ...args); };
  assert.ok = ok;
  assert.AssertionError = AssertionError;
  assert.fail = fail;
  assert.equal = function equal(actual, expected, message) {
    // eslint-disable-next-line eqeqeq
    if (!(actual == expected || (Number.isNaN(actual) && Number.isNaN(expected)))) {
      innerFail({ actual, expected, message, operator: '==' });
    }
  };
  assert.notEqual = function notEqual(actual, expected, message) {
    // eslint-disable-next-line eqeqeq
    if (actual == expected || (Number.isNaN(actual) && Number.isNaN(expected))) {
      innerFail({ actual, expected, message, operator: '!=' });
    }
  };
  function strictMessage(header, actual, expected, message, op) {
    if (message !== undefined) return String(message) + '\n\n' + inspect(actual) + ' ' + op + ' ' + inspect(expected) + '\n';
    return header + '\n\n' + inspect(actual) + ' ' + op + ' ' + inspect(expected) + '\n';
  }
  assert.strictEqual = function strictEqual(actual, expected, message) {
    if (!Object.is(actual, expected)) {
      if (message instanceof Error) throw message;
      const primitive = (v) => v === null || (typeof v !== 'object' && typeof v !== 'function');
      const msg = primitive(actual) && primitive(expected)
        ? strictMessage('Expected values to be strictly equal:', actual, expected, message, '!==')
        : (message !== undefined ? String(message) : 'Expected values to be strictly equal:\n\n' + inspect(actual) + ' !== ' + inspect(expected) + '\n');
      const err = new AssertionError({ actual, expected, message: msg, operator: 'strictEqual' });
      err.generatedMessage = message === undefined;
      throw err;
    }
  };
  assert.notStrictEqual = function notStrictEqual(actual, expected, message) {
    if (Object.is(actual, expected)) {
      innerFail({ actual, expected, message: message !== undefined ? message : 'Expected "actual" to be strictly unequal to: ' + inspect(expected), operator: 'notStrictEqual', generated: message === undefined });
    }
  };
  assert.deepEqual = function deepEqual(actual, expected, message) {
    if (!util._isDeepEqual(actual, expected, false)) {
      innerFail({ actual, expected, message: message !== undefined ? message : 'Expected values to be loosely deep-equal:\n\n' + inspect(actual) + '\n\nshould loosely deep-equal\n\n' + inspect(expected), operator: 'deepEqual', generated: message === undefined });
    }
  };
  assert.notDeepEqual = function notDeepEqual(actual, expected, message) {
    if (util._isDeepEqual(actual, expected, false)) {
      innerFail({ actual, expected, message: message !== undefined ? message : '"actual" deepEqual "expected"', operator: 'notDeepEqual', generated: message === undefined });
    }
  };
  assert.deepStrictEqual = function deepStrictEqual(actual, expected, message) {
    if (!util._isDeepEqual(actual, expected, true)) {
      innerFail({ actual, expected, message: message !== undefined ? message : 'Expected values to be strictly deep-equal:\n' + inspect(actual) + '\n\nshould equal\n\n' + inspect(expected), operator: 'deepStrictEqual', generated: message === undefined });
    }
  };
  assert.notDeepStrictEqual = function notDeepStrictEqual(actual, expected, message) {
    if (util._isDeepEqual(actual, expected, true)) {
      innerFail({ actual, expected, message: message !== undefined ? message : 'Expected "actual" not to be strictly deep-equal to: ' + inspect(expected), operator: 'notDeepStrictEqual', generated: message === undefined });
    }
  };
  function matches(err, expected, message) {
    if (expected === undefined) return;
    if (typeof expected === 'function') {
      if (expected.prototype !== undefined && err instanceof expected) return;
      if (Error.isPrototypeOf(expected) || expected === Error) {
        throw err;
      }
      if (expected.call({}, err) === true) return;
      throw err;
    }
    if (expected instanceof RegExp) {
      if (expected.test(String(err))) return;
      innerFail({ actual: err, expected, message: message || 'The input did not match the regular expression ' + String(expected) + '. Input:\n\n' + inspect(String(err)) + '\n', operator: 'throws' });
    }
    if (typeof expected === 'object' && expected !== null) {
      for (const k of Object.keys(expected)) {
        const want = expected[k];
        const got = err[k];
        const okk = want instanceof RegExp && typeof got === 'string' ? want.test(got) : util._isDeepEqual(got, want, true);
        if (!okk) {
          innerFail({ actual: err, expected, message: message || 'Expected values to be strictly deep-equal:\n' + inspect(got) + '\n\nshould equal\n\n' + inspect(want), operator: 'throws' });
        }
      }
    }
  }
  function missing(expected, message) {
    let details = '';
    if (expected && expected.name && typeof expected === 'function') details = ' (' + expected.name + ')';
    if (typeof message === 'string') details += ': ' + message;
    else if (message === undefined && typeof expected === 'string') details += ': ' + expected;
    return 'Missing expected exception' + details + (details.endsWith('.') ? '' : '.');
  }
  assert.throws = function throws(fn, expected, message) {
    if (typeof fn !== 'function') {
      const err = new TypeError('The "fn" argument must be of type function. Received ' + (fn === undefined ? 'undefined' : inspect(fn)));
      err.code = 'ERR_INVALID_ARG_TYPE';
      throw err;
    }
    if (typeof expected === 'string') { message = expected; expected = undefined; }
    let threw = false;
    let err;
    try { fn(); } catch (e) { threw = true; err = e; }
    if (!threw) innerFail({ actual: undefined, expected, message: missing(expected, message), operator: 'throws' });
    matches(err, expected, message);
  };
  assert.doesNotThrow = function doesNotThrow(fn, expected, message) {
    try { fn(); } catch (e) {
      if (typeof expected === 'string') message = expected;
      innerFail({ actual: e, expected, message: 'Got unwanted exception' + (message ? ': ' + message : '.') + '\nActual message: "' + (e && e.message) + '"', operator: 'doesNotThrow' });
    }
  };
  assert.rejects = async function rejects(promiseFn, expected, message) {
    if (typeof expected === 'string') { message = expected; expected = undefined; }
    let threw = false;
    let err;
    try { await (typeof promiseFn === 'function' ? promiseFn() : promiseFn); } catch (e) { threw = true; err = e; }
    if (!threw) innerFail({ actual: undefined, expected, message: missing(expected, message).replace('exception', 'rejection'), operator: 'rejects' });
    matches(err, expected, message);
  };
  assert.doesNotReject = async function doesNotReject(promiseFn, expected, message) {
    try { await (typeof promiseFn === 'function' ? promiseFn() : promiseFn); } catch (e) {
      innerFail({ actual: e, expected, message: 'Got unwanted rejection.\nActual message: "' + (e && e.message) + '"', operator: 'doesNotReject' });
    }
  };
  assert.ifError = function ifError(err) {
    if (err !== null && err !== undefined) {
      let message = 'ifError got unwanted exception: ';
      message += typeof err === 'object' && typeof err.message === 'string' ? (err.message.length === 0 && err.constructor ? err.constructor.name : err.message) : inspect(err);
      const e = new AssertionError({ actual: err, expected: null, operator: 'ifError', message });
      e.origin = err;
      throw e;
    }
  };
  assert.match = function match(string, regexp, message) {
    if (typeof string !== 'string' || !regexp.test(string)) {
      innerFail({ actual: string, expected: regexp, message: message !== undefined ? message : (typeof string !== 'string' ? 'The "string" argument must be of type string. Received type ' + typeof string + ' (' + inspect(string) + ')' : 'The input did not match the regular expression ' + String(regexp) + '. Input:\n\n' + inspect(string) + '\n'), operator: 'match', generated: message === undefined });
    }
  };
  assert.doesNotMatch = function doesNotMatch(string, regexp, message) {
    if (typeof string === 'string' && regexp.test(string)) {
      innerFail({ actual: string, expected: regexp, message: message !== undefined ? message : 'The input was expected to not match the regular expression ' + String(regexp) + '. Input:\n\n' + inspect(string) + '\n', operator: 'doesNotMatch', generated: message === undefined });
    }
  };
  const strict = function strict(...args) { innerOk(strict, args.length, ...args); };
  Object.assign(strict, assert, { equal: assert.strictEqual, notEqual: assert.notStrictEqual, deepEqual: assert.deepStrictEqual, notDeepEqual: assert.notDeepStrictEqual });
  strict.strict = strict;
  assert.strict = strict;
  return assert;
})
