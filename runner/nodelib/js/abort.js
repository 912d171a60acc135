// AbortController, AbortSignal and DOMException (lib/internal/abort_controller.js), built
// the first time a script names one of them.
(function (binding, global) {
  'use strict';
  // Node 20's AbortController, AbortSignal and the DOMException they reject with
  // (lib/internal/abort_controller.js): an EventTarget-like signal with 'abort' listeners,
  // onabort, reason, throwIfAborted, and the static abort, timeout and any.
  const inspectCustom = Symbol.for('nodejs.util.inspect.custom');
  const domCodes = { AbortError: 20, TimeoutError: 23, NotSupportedError: 9, InvalidStateError: 11, DataCloneError: 25 };
  class DOMException extends Error {
    constructor(message = '', options = 'Error') {
      super(String(message));
      const name = options !== null && typeof options === 'object' ? String(options.name === undefined ? 'Error' : options.name) : String(options);
      Object.defineProperty(this, 'name', { value: name, writable: true, configurable: true, enumerable: false });
      Object.defineProperty(this, 'code', { value: domCodes[name] || 0, writable: true, configurable: true, enumerable: false });
    }
  }
  const kSignal = Symbol('kSignal');
  // Node's description of a wrong argument in ERR_INVALID_ARG_TYPE messages.
  function received(v) {
    if (v === null) return 'null';
    if (v === undefined) return 'undefined';
    if (typeof v === 'function') return 'function ' + v.name;
    if (typeof v === 'object') return v.constructor && v.constructor.name ? 'an instance of ' + v.constructor.name : binding.inspect(v, { depth: -1 });
    let s = binding.inspect(v);
    if (s.length > 28) s = s.slice(0, 25) + '...';
    return 'type ' + typeof v + ' (' + s + ')';
  }
  const listenersOf = new WeakMap();
  function abortEvent(target) {
    return { type: 'abort', target, currentTarget: target, defaultPrevented: false, cancelable: false, timeStamp: binding.now() / 1e6, isTrusted: true };
  }
  function reportListenerError(err) {
    // Node reports a listener's throw as an uncaught exception, after the dispatch.
    global.queueMicrotask(() => { throw err; });
  }
  class AbortSignal {
    constructor(key) {
      if (key !== kSignal) throw new TypeError('Illegal constructor');
      listenersOf.set(this, { list: [], aborted: false, reason: undefined, handler: null });
    }
    get aborted() { return state(this).aborted; }
    get reason() { return state(this).reason; }
    // onabort is an event handler attribute: it takes its place among the listeners when
    // first set, and keeps it when replaced.
    get onabort() { const h = state(this).handler; return h ? h.fn : null; }
    set onabort(fn) {
      const st = state(this);
      if (typeof fn !== 'function') {
        if (st.handler) st.list = st.list.filter((l) => l !== st.handler.entry);
        st.handler = null;
        return;
      }
      if (st.handler) {
        st.handler.fn = fn;
        return;
      }
      const handler = { fn };
      handler.entry = { type: 'abort', listener: (e) => handler.fn.call(this, e), once: false };
      st.handler = handler;
      st.list.push(handler.entry);
    }
    throwIfAborted() {
      const st = state(this);
      if (st.aborted) throw st.reason;
    }
    addEventListener(type, listener, options) {
      if (listener === null || listener === undefined) return;
      const st = state(this);
      const once = options !== null && typeof options === 'object' && !!options.once;
      if (st.list.some((l) => l.type === String(type) && l.listener === listener)) return;
      st.list.push({ type: String(type), listener, once });
      const sig = options !== null && typeof options === 'object' ? options.signal : undefined;
      if (sig instanceof AbortSignal) sig.addEventListener('abort', () => this.removeEventListener(type, listener), { once: true });
    }
    removeEventListener(type, listener) {
      const st = state(this);
      st.list = st.list.filter((l) => !(l.type === String(type) && l.listener === listener));
    }
    dispatchEvent(event) {
      const st = state(this);
      const type = String(event.type);
      for (const l of st.list.slice()) {
        if (l.type !== type) continue;
        if (l.once) this.removeEventListener(type, l.listener);
        try {
          if (typeof l.listener === 'function') l.listener.call(this, event);
          else if (l.listener && typeof l.listener.handleEvent === 'function') l.listener.handleEvent(event);
        } catch (err) { reportListenerError(err); }
      }
      return true;
    }
    [inspectCustom](depth, options, inspect) {
      return 'AbortSignal ' + inspect({ aborted: this.aborted }, options);
    }
    static abort(reason = new DOMException('This operation was aborted', 'AbortError')) {
      const sig = new AbortSignal(kSignal);
      const st = state(sig);
      st.aborted = true;
      st.reason = reason;
      return sig;
    }
    static timeout(delay) {
      // Node's validateUint32(delay, 'delay').
      const fail = (Ctor, code, msg) => { const err = new Ctor(msg); err.code = code; throw err; };
      if (typeof delay !== 'number') {
        fail(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "delay" argument must be of type number. Received ' + received(delay));
      }
      if (!Number.isInteger(delay)) fail(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "delay" is out of range. It must be an integer. Received ' + delay);
      if (delay < 0 || delay > 4294967295) {
        const shown = Math.abs(delay) > 2 ** 32 ? String(delay).replace(/\B(?=(\d{3})+(?!\d))/g, '_') : String(delay);
        fail(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "delay" is out of range. It must be >= 0 && <= 4294967295. Received ' + shown);
      }
      const ms = delay;
      const sig = new AbortSignal(kSignal);
      // Unreferenced, as in Node: a pending timeout signal does not keep the hook alive.
      const t = global.setTimeout(() => abortSignal(sig, new DOMException('The operation was aborted due to timeout', 'TimeoutError')), ms);
      if (t && typeof t.unref === 'function') t.unref();
      return sig;
    }
    static any(signals) {
      const sig = new AbortSignal(kSignal);
      for (const s of signals) {
        if (s.aborted) {
          abortSignal(sig, s.reason);
          return sig;
        }
      }
      for (const s of signals) s.addEventListener('abort', () => abortSignal(sig, s.reason), { once: true });
      return sig;
    }
  }
  Object.defineProperty(AbortSignal.prototype, Symbol.toStringTag, { value: 'AbortSignal', configurable: true });
  function state(sig) {
    const st = listenersOf.get(sig);
    if (st === undefined) throw new TypeError('Value of "this" must be of type AbortSignal');
    return st;
  }
  function abortSignal(sig, reason) {
    const st = state(sig);
    if (st.aborted) return;
    st.aborted = true;
    st.reason = reason;
    sig.dispatchEvent(abortEvent(sig));
  }
  const controllerSignal = new WeakMap();
  class AbortController {
    constructor() { controllerSignal.set(this, new AbortSignal(kSignal)); }
    get signal() { return controllerSignal.get(this); }
    abort(reason = new DOMException('This operation was aborted', 'AbortError')) {
      abortSignal(controllerSignal.get(this), reason);
    }
    [inspectCustom](depth, options, inspect) {
      return 'AbortController ' + inspect({ signal: this.signal }, options);
    }
  }
  Object.defineProperty(AbortController.prototype, Symbol.toStringTag, { value: 'AbortController', configurable: true });

  return { AbortController, AbortSignal, DOMException };
})
