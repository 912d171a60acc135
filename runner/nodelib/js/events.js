// A port of the synchronous core of Node.js 20's lib/events.js (MIT licence, Node.js
// contributors): same listener storage (so emitters inspect as in Node), same ordering and
// error semantics. Not ported: captureRejections, EventTarget, AbortSignal, on() iterators.
(function (binding) {
  'use strict';
  const kCapture = Symbol('kCapture');
  const kShapeMode = Symbol('shapeMode');
  const kErrorMonitor = Symbol('events.errorMonitor');
  let defaultMaxListeners = 10;

  function received(v) {
    if (v === null || v === undefined) return String(v);
    if (typeof v === 'function') return 'function ' + v.name;
    if (typeof v === 'object') {
      return v.constructor && v.constructor.name ? 'an instance of ' + v.constructor.name : binding.inspect(v, { depth: -1 });
    }
    let s = binding.inspect(v);
    if (s.length > 28) s = s.slice(0, 25) + '...';
    return 'type ' + typeof v + ' (' + s + ')';
  }
  function checkListener(listener) {
    if (typeof listener !== 'function') {
      const err = new TypeError('The "listener" argument must be of type function. Received ' + received(listener));
      err.code = 'ERR_INVALID_ARG_TYPE';
      throw err;
    }
  }

  function EventEmitter(opts) {
    EventEmitter.init.call(this, opts);
  }
  EventEmitter.prototype._events = undefined;
  EventEmitter.prototype._eventsCount = 0;
  EventEmitter.prototype._maxListeners = undefined;
  EventEmitter.prototype[kCapture] = false;
  EventEmitter.captureRejectionSymbol = Symbol.for('nodejs.rejection');
  EventEmitter.errorMonitor = kErrorMonitor;
  Object.defineProperty(EventEmitter, 'captureRejections', {
    get() { return false; },
    set(v) { if (v) throw new Error('hookterm: EventEmitter.captureRejections is not supported'); },
    enumerable: true,
  });
  Object.defineProperty(EventEmitter, 'defaultMaxListeners', {
    enumerable: true,
    get() { return defaultMaxListeners; },
    set(arg) {
      if (typeof arg !== 'number' || arg < 0 || Number.isNaN(arg)) {
        const err = new RangeError('The value of "defaultMaxListeners" is out of range. It must be a non-negative number. Received ' + binding.inspect(arg));
        err.code = 'ERR_OUT_OF_RANGE';
        throw err;
      }
      defaultMaxListeners = arg;
    },
  });

  EventEmitter.init = function (opts) {
    if (this._events === undefined || this._events === Object.getPrototypeOf(this)._events) {
      this._events = Object.create(null);
      this._eventsCount = 0;
      this[kShapeMode] = false;
    } else {
      this[kShapeMode] = true;
    }
    this._maxListeners = this._maxListeners || undefined;
    if (opts && opts.captureRejections) {
      throw new Error('hookterm: EventEmitter captureRejections is not supported');
    }
    this[kCapture] = EventEmitter.prototype[kCapture];
  };

  EventEmitter.prototype.setMaxListeners = function setMaxListeners(n) {
    if (typeof n !== 'number' || n < 0 || Number.isNaN(n)) {
      const err = new RangeError('The value of "n" is out of range. It must be a non-negative number. Received ' + binding.inspect(n));
      err.code = 'ERR_OUT_OF_RANGE';
      throw err;
    }
    this._maxListeners = n;
    return this;
  };
  function _getMaxListeners(that) {
    if (that._maxListeners === undefined) return defaultMaxListeners;
    return that._maxListeners;
  }
  EventEmitter.prototype.getMaxListeners = function getMaxListeners() {
    return _getMaxListeners(this);
  };

  EventEmitter.prototype.emit = function emit(type, ...args) {
    let doError = (type === 'error');
    const events = this._events;
    if (events !== undefined) {
      if (doError && events[kErrorMonitor] !== undefined) this.emit(kErrorMonitor, ...args);
      doError = (doError && events.error === undefined);
    } else if (!doError) {
      return false;
    }
    if (doError) {
      let er;
      if (args.length > 0) er = args[0];
      if (er instanceof Error) throw er; // Unhandled 'error' event
      let stringifiedEr;
      try { stringifiedEr = binding.inspect(er); } catch (e) { stringifiedEr = er; }
      const err = new Error('Unhandled error. (' + stringifiedEr + ')');
      err.code = 'ERR_UNHANDLED_ERROR';
      err.context = er;
      throw err;
    }
    const handler = events[type];
    if (handler === undefined) return false;
    if (typeof handler === 'function') {
      handler.apply(this, args);
    } else {
      const listeners = handler.slice();
      for (let i = 0; i < listeners.length; ++i) listeners[i].apply(this, args);
    }
    return true;
  };

  function _addListener(target, type, listener, prepend) {
    checkListener(listener);
    let events = target._events;
    let existing;
    if (events === undefined) {
      events = target._events = Object.create(null);
      target._eventsCount = 0;
    } else {
      if (events.newListener !== undefined) {
        target.emit('newListener', type, listener.listener ?? listener);
        events = target._events;
      }
      existing = events[type];
    }
    if (existing === undefined) {
      events[type] = listener;
      ++target._eventsCount;
    } else {
      if (typeof existing === 'function') {
        existing = events[type] = prepend ? [listener, existing] : [existing, listener];
      } else if (prepend) {
        existing.unshift(listener);
      } else {
        existing.push(listener);
      }
      // Node prints a MaxListenersExceededWarning to stderr here, outside console output.
      const m = _getMaxListeners(target);
      if (m > 0 && existing.length > m && !existing.warned) existing.warned = true;
    }
    return target;
  }
  EventEmitter.prototype.addListener = function addListener(type, listener) {
    return _addListener(this, type, listener, false);
  };
  EventEmitter.prototype.on = EventEmitter.prototype.addListener;
  EventEmitter.prototype.prependListener = function prependListener(type, listener) {
    return _addListener(this, type, listener, true);
  };

  function onceWrapper() {
    if (!this.fired) {
      this.target.removeListener(this.type, this.wrapFn);
      this.fired = true;
      if (arguments.length === 0) return this.listener.call(this.target);
      return this.listener.apply(this.target, arguments);
    }
  }
  function _onceWrap(target, type, listener) {
    const state = { fired: false, wrapFn: undefined, target, type, listener };
    const wrapped = onceWrapper.bind(state);
    wrapped.listener = listener;
    state.wrapFn = wrapped;
    return wrapped;
  }
  EventEmitter.prototype.once = function once(type, listener) {
    checkListener(listener);
    this.on(type, _onceWrap(this, type, listener));
    return this;
  };
  EventEmitter.prototype.prependOnceListener = function prependOnceListener(type, listener) {
    checkListener(listener);
    this.prependListener(type, _onceWrap(this, type, listener));
    return this;
  };

  EventEmitter.prototype.removeListener = function removeListener(type, listener) {
    checkListener(listener);
    const events = this._events;
    if (events === undefined) return this;
    const list = events[type];
    if (list === undefined) return this;
    if (list === listener || list.listener === listener) {
      this._eventsCount -= 1;
      if (this[kShapeMode]) {
        events[type] = undefined;
      } else if (this._eventsCount === 0) {
        this._events = Object.create(null);
      } else {
        delete events[type];
        if (events.removeListener) this.emit('removeListener', type, list.listener || listener);
      }
    } else if (typeof list !== 'function') {
      let position = -1;
      for (let i = list.length - 1; i >= 0; i--) {
        if (list[i] === listener || list[i].listener === listener) {
          position = i;
          break;
        }
      }
      if (position < 0) return this;
      if (position === 0) list.shift();
      else list.splice(position, 1);
      if (list.length === 1) events[type] = list[0];
      if (events.removeListener !== undefined) this.emit('removeListener', type, listener);
    }
    return this;
  };
  EventEmitter.prototype.off = EventEmitter.prototype.removeListener;

  EventEmitter.prototype.removeAllListeners = function removeAllListeners(type) {
    const events = this._events;
    if (events === undefined) return this;
    if (events.removeListener === undefined) {
      if (arguments.length === 0) {
        this._events = Object.create(null);
        this._eventsCount = 0;
      } else if (events[type] !== undefined) {
        if (--this._eventsCount === 0) this._events = Object.create(null);
        else delete events[type];
      }
      this[kShapeMode] = false;
      return this;
    }
    if (arguments.length === 0) {
      for (const key of Reflect.ownKeys(events)) {
        if (key === 'removeListener') continue;
        this.removeAllListeners(key);
      }
      this.removeAllListeners('removeListener');
      this._events = Object.create(null);
      this._eventsCount = 0;
      this[kShapeMode] = false;
      return this;
    }
    const listeners = events[type];
    if (typeof listeners === 'function') {
      this.removeListener(type, listeners);
    } else if (listeners !== undefined) {
      for (let i = listeners.length - 1; i >= 0; i--) this.removeListener(type, listeners[i]);
    }
    return this;
  };

  function unwrapListeners(arr) {
    const ret = arr.slice();
    for (let i = 0; i < ret.length; ++i) {
      const orig = ret[i].listener;
      if (typeof orig === 'function') ret[i] = orig;
    }
    return ret;
  }
  function _listeners(target, type, unwrap) {
    const events = target._events;
    if (events === undefined || events[type] === undefined) return [];
    const l = events[type];
    if (typeof l === 'function') return unwrap ? [l.listener || l] : [l];
    return unwrap ? unwrapListeners(l) : l.slice();
  }
  EventEmitter.prototype.listeners = function listeners(type) { return _listeners(this, type, true); };
  EventEmitter.prototype.rawListeners = function rawListeners(type) { return _listeners(this, type, false); };

  function listenerCount(type, listener) {
    const events = this._events;
    if (events !== undefined) {
      const l = events[type];
      if (typeof l === 'function') {
        if (listener != null) return listener === l || listener === l.listener ? 1 : 0;
        return 1;
      } else if (l !== undefined) {
        if (listener != null) {
          let matching = 0;
          for (let i = 0; i < l.length; i++) {
            if (l[i] === listener || l[i].listener === listener) matching++;
          }
          return matching;
        }
        return l.length;
      }
    }
    return 0;
  }
  EventEmitter.prototype.listenerCount = listenerCount;
  EventEmitter.listenerCount = function (emitter, type) {
    if (typeof emitter.listenerCount === 'function') return emitter.listenerCount(type);
    return listenerCount.call(emitter, type);
  };
  EventEmitter.prototype.eventNames = function eventNames() {
    return this._eventsCount > 0 ? Reflect.ownKeys(this._events) : [];
  };

  EventEmitter.once = function once(emitter, name) {
    return new Promise((resolve, reject) => {
      const errorListener = (err) => {
        emitter.removeListener(name, resolver);
        reject(err);
      };
      const resolver = (...args) => {
        if (name !== 'error') emitter.removeListener('error', errorListener);
        resolve(args);
      };
      emitter.once(name, resolver);
      if (name !== 'error') emitter.once('error', errorListener);
    });
  };
  EventEmitter.getEventListeners = function (emitter, type) { return emitter.listeners(type); };
  EventEmitter.EventEmitter = EventEmitter;
  EventEmitter.usingDomains = false;
  return EventEmitter;
})
