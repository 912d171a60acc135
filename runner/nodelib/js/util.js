// Node's util module on hookterm's Go util.inspect/util.format.
(function (binding, web, process) {
  'use strict';
  const customInspect = Symbol.for('nodejs.util.inspect.custom');
  const kCustomPromisify = Symbol.for('nodejs.util.promisify.custom');
  const gopd = Object.getOwnPropertyDescriptor;
  const getProto = Object.getPrototypeOf;
  const AsyncFunctionProto = getProto(async function () {});
  const GeneratorFunctionProto = getProto(function* () {});
  const GeneratorProto = getProto(function* () {}.prototype);
  const TypedArrayProto = getProto(Uint8Array.prototype);
  const taTag = gopd(TypedArrayProto, Symbol.toStringTag).get;
  function brand(fn, v, arg) { try { fn.call(v, arg); return true; } catch (e) { return false; } }
  function argTypeError(msg, v) {
    const err = new TypeError(msg + ' Received ' + received(v));
    err.code = 'ERR_INVALID_ARG_TYPE';
    return err;
  }
  function received(v) {
    if (v === null || v === undefined) return String(v);
    if (typeof v === 'function') return 'function ' + v.name;
    if (typeof v === 'object') return v.constructor && v.constructor.name ? 'an instance of ' + v.constructor.name : binding.inspect(v, { depth: -1 });
    let s = binding.inspect(v);
    if (s.length > 28) s = s.slice(0, 25) + '...';
    return 'type ' + typeof v + ' (' + s + ')';
  }

  const defaultOptions = {
    showHidden: false, depth: 2, colors: false, customInspect: true, showProxy: false,
    maxArrayLength: 100, maxStringLength: 10000, breakLength: 80, compact: 3, sorted: false,
    getters: false, numericSeparator: false,
  };
  function inspect(value, opts) {
    let o = opts;
    if (typeof opts !== 'object' || opts === null) {
      // Legacy signature: inspect(value, showHidden, depth, colors).
      o = {};
      if (arguments.length >= 2 && typeof opts === 'boolean') o.showHidden = opts;
      if (arguments.length >= 3) o.depth = arguments[2];
    }
    if (o.sorted || o.getters || o.numericSeparator || o.showProxy) {
      throw new Error('hookterm: util.inspect options sorted, getters, numericSeparator and showProxy are not supported');
    }
    return binding.inspect(value, o);
  }
  inspect.custom = customInspect;
  inspect.defaultOptions = defaultOptions;
  inspect.colors = Object.assign(Object.create(null), {});
  inspect.styles = Object.assign(Object.create(null), {});

  function format(...args) { return binding.format(...args); }
  function formatWithOptions(inspectOptions, ...args) {
    if (typeof inspectOptions !== 'object' || inspectOptions === null) {
      throw argTypeError('The "inspectOptions" argument must be of type object.', inspectOptions);
    }
    return binding.format(...args);
  }

  function promisify(original) {
    if (typeof original !== 'function') throw argTypeError('The "original" argument must be of type function.', original);
    if (original[kCustomPromisify]) {
      const fn = original[kCustomPromisify];
      if (typeof fn !== 'function') throw argTypeError('The "util.promisify.custom" argument must be of type function.', fn);
      return Object.defineProperty(fn, kCustomPromisify, { value: fn, enumerable: false, writable: false, configurable: true });
    }
    function fn(...args) {
      return new Promise((resolve, reject) => {
        Reflect.apply(original, this, [...args, (err, ...values) => {
          if (err) return reject(err);
          resolve(values[0]);
        }]);
      });
    }
    Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
    Object.defineProperty(fn, kCustomPromisify, { value: fn, enumerable: false, writable: false, configurable: true });
    return Object.defineProperties(fn, Object.getOwnPropertyDescriptors(original));
  }
  promisify.custom = kCustomPromisify;

  function callbackify(original) {
    if (typeof original !== 'function') throw argTypeError('The "original" argument must be of type function.', original);
    function callbackified(...args) {
      const cb = args.pop();
      if (typeof cb !== 'function') throw argTypeError('The last argument must be of type function.', cb);
      const onOk = (ret) => process.nextTick(cb, null, ret);
      const onErr = (rej) => {
        if (!rej) {
          const e = new Error('Promise was rejected with a falsy value');
          e.code = 'ERR_FALSY_VALUE_REJECTION';
          e.reason = rej;
          rej = e;
        }
        process.nextTick(cb, rej);
      };
      Reflect.apply(original, this, args).then(onOk, onErr);
    }
    Object.setPrototypeOf(callbackified, Object.getPrototypeOf(original));
    Object.defineProperties(callbackified, Object.getOwnPropertyDescriptors(original));
    return callbackified;
  }

  function inherits(ctor, superCtor) {
    if (ctor === undefined || ctor === null) throw argTypeError('The "ctor" argument must be of type function.', ctor);
    if (superCtor === undefined || superCtor === null) throw argTypeError('The "superCtor" argument must be of type function.', superCtor);
    if (superCtor.prototype === undefined) throw argTypeError('The "superCtor.prototype" property must be of type object.', superCtor.prototype);
    Object.defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
    Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
  }

  function deprecate(fn, msg, code) {
    // Node prints the DeprecationWarning on stderr, outside the console output.
    return function deprecated(...args) {
      if (new.target) return Reflect.construct(fn, args, new.target);
      return Reflect.apply(fn, this, args);
    };
  }

  const types = {
    isPromise: (v) => binding.isPromise(v),
    isProxy: (v) => binding.isProxy(v),
    isNativeError: (v) => binding.isNativeError(v),
    isDate: (v) => typeof v === 'object' && v !== null && brand(Date.prototype.getTime, v),
    isRegExp: (v) => typeof v === 'object' && v !== null && brand(gopd(RegExp.prototype, 'flags').get, v) && brand(gopd(RegExp.prototype, 'source').get, v) && v !== RegExp.prototype,
    isMap: (v) => typeof v === 'object' && v !== null && brand(gopd(Map.prototype, 'size').get, v),
    isSet: (v) => typeof v === 'object' && v !== null && brand(gopd(Set.prototype, 'size').get, v),
    isWeakMap: (v) => typeof v === 'object' && v !== null && brand(WeakMap.prototype.has, v, {}),
    isWeakSet: (v) => typeof v === 'object' && v !== null && brand(WeakSet.prototype.has, v, {}),
    isAsyncFunction: (v) => typeof v === 'function' && getProto(v) === AsyncFunctionProto,
    isGeneratorFunction: (v) => typeof v === 'function' && getProto(v) === GeneratorFunctionProto,
    isGeneratorObject: (v) => typeof v === 'object' && v !== null && GeneratorProto.isPrototypeOf(v),
    isTypedArray: (v) => taTag.call(v) !== undefined,
    isUint8Array: (v) => taTag.call(v) === 'Uint8Array',
    isArrayBuffer: (v) => typeof v === 'object' && v !== null && brand(gopd(ArrayBuffer.prototype, 'byteLength').get, v),
    isAnyArrayBuffer: (v) => typeof v === 'object' && v !== null && brand(gopd(ArrayBuffer.prototype, 'byteLength').get, v),
    isArrayBufferView: (v) => ArrayBuffer.isView(v),
    isDataView: (v) => typeof v === 'object' && v !== null && brand(gopd(DataView.prototype, 'byteLength').get, v),
    isNumberObject: (v) => typeof v === 'object' && v !== null && brand(Number.prototype.valueOf, v),
    isStringObject: (v) => typeof v === 'object' && v !== null && brand(String.prototype.valueOf, v),
    isBooleanObject: (v) => typeof v === 'object' && v !== null && brand(Boolean.prototype.valueOf, v),
    isBigIntObject: (v) => typeof v === 'object' && v !== null && brand(BigInt.prototype.valueOf, v),
    isSymbolObject: (v) => typeof v === 'object' && v !== null && brand(Symbol.prototype.valueOf, v),
  };
  types.isBoxedPrimitive = (v) => types.isNumberObject(v) || types.isStringObject(v) ||
    types.isBooleanObject(v) || types.isBigIntObject(v) || types.isSymbolObject(v);

  // isDeepStrictEqual (and assert's deep equality): Node's comparison rules for the
  // value kinds hooks use.
  function isDeepEqual(a, b, strict, memos) {
    if (a === b) return a !== 0 || !strict || Object.is(a, b);
    if (strict) {
      if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) {
        return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
      }
      if (getProto(a) !== getProto(b)) return false;
    } else {
      if (a === null || typeof a !== 'object') {
        if (b === null || typeof b !== 'object') {
          // eslint-disable-next-line eqeqeq
          return a == b || (Number.isNaN(a) && Number.isNaN(b));
        }
        return false;
      }
      if (b === null || typeof b !== 'object') return false;
    }
    const tagA = Object.prototype.toString.call(a);
    if (tagA !== Object.prototype.toString.call(b)) return false;
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    if (types.isDate(a)) {
      if (!types.isDate(b) || a.getTime() !== b.getTime()) return false;
    } else if (types.isRegExp(a)) {
      if (!types.isRegExp(b) || a.source !== b.source || a.flags !== b.flags || a.lastIndex !== b.lastIndex) return false;
    } else if (a instanceof Error || b instanceof Error) {
      if (a.message !== b.message || a.name !== b.name) return false;
    } else if (ArrayBuffer.isView(a)) {
      if (!ArrayBuffer.isView(b) || a.length !== b.length) return false;
      for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i]) && !(a[i] === b[i])) return false;
    } else if (types.isBoxedPrimitive(a)) {
      if (!Object.is(a.valueOf(), b.valueOf())) return false;
    }
    memos = memos || { a: new Map(), b: new Map() };
    if (memos.a.has(a) && memos.b.has(b)) return memos.a.get(a) === b;
    memos.a.set(a, b);
    memos.b.set(b, a);
    let res = true;
    if (types.isMap(a)) {
      res = types.isMap(b) && a.size === b.size && mapEqual(a, b, strict, memos);
    } else if (types.isSet(a)) {
      res = types.isSet(b) && a.size === b.size && setEqual(a, b, strict, memos);
    }
    if (res) {
      const ka = ownEnumKeys(a, strict);
      const kb = ownEnumKeys(b, strict);
      if (ka.length !== kb.length) res = false;
      else {
        for (const k of ka) {
          if (!Object.prototype.propertyIsEnumerable.call(b, k) || !isDeepEqual(a[k], b[k], strict, memos)) {
            res = false;
            break;
          }
        }
      }
    }
    memos.a.delete(a);
    memos.b.delete(b);
    return res;
  }
  function ownEnumKeys(o, strict) {
    const keys = Object.keys(o);
    if (strict) {
      for (const s of Object.getOwnPropertySymbols(o)) {
        if (Object.prototype.propertyIsEnumerable.call(o, s)) keys.push(s);
      }
    }
    return keys;
  }
  function setEqual(a, b, strict, memos) {
    const rest = [];
    for (const v of b) if (!a.has(v)) rest.push(v);
    for (const v of a) {
      if (b.has(v)) continue;
      const i = rest.findIndex((w) => isDeepEqual(v, w, strict, memos));
      if (i < 0) return false;
      rest.splice(i, 1);
    }
    return true;
  }
  function mapEqual(a, b, strict, memos) {
    const rest = [];
    for (const [k, v] of b) if (!a.has(k)) rest.push([k, v]);
    for (const [k, v] of a) {
      if (b.has(k)) {
        if (!isDeepEqual(v, b.get(k), strict, memos)) return false;
        continue;
      }
      const i = rest.findIndex(([k2, v2]) => isDeepEqual(k, k2, strict, memos) && isDeepEqual(v, v2, strict, memos));
      if (i < 0) return false;
      rest.splice(i, 1);
    }
    return true;
  }

  function stripVTControlCharacters(str) {
    if (typeof str !== 'string') throw argTypeError('The "str" argument must be of type string.', str);
    // eslint-disable-next-line no-control-regex
    return str.replace(/[\u001B\u009B][[\]()#;?]*(?:(?:(?:(?:;[-a-zA-Z\d/#&.:=?%@~_]+)*|[a-zA-Z\d]+(?:;[-a-zA-Z\d/#&.:=?%@~_]*)*)?\u0007)|(?:(?:\d{1,4}(?:;\d{0,4})*)?[\dA-PR-TZcf-ntqry=><~]))/g, '');
  }
  function toUSVString(s) {
    return String(s).replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  }
  function debuglog() {
    const fn = function () {};
    fn.enabled = false;
    return fn;
  }

  const isPrimitive = (v) => v === null || (typeof v !== 'object' && typeof v !== 'function');
  return {
    format, formatWithOptions, inspect, promisify, callbackify, inherits, deprecate, types,
    isDeepStrictEqual: (a, b) => isDeepEqual(a, b, true),
    _isDeepEqual: isDeepEqual,
    debuglog, debug: debuglog,
    stripVTControlCharacters, toUSVString,
    TextEncoder: web.TextEncoder, TextDecoder: web.TextDecoder,
    isArray: Array.isArray,
    isBoolean: (v) => typeof v === 'boolean',
    isBuffer: (v) => globalThis.Buffer.isBuffer(v),
    isDate: types.isDate,
    isError: (v) => binding.isNativeError(v) || v instanceof Error,
    isFunction: (v) => typeof v === 'function',
    isNull: (v) => v === null,
    isNullOrUndefined: (v) => v === null || v === undefined,
    isNumber: (v) => typeof v === 'number',
    isObject: (v) => v !== null && typeof v === 'object',
    isPrimitive,
    isRegExp: types.isRegExp,
    isString: (v) => typeof v === 'string',
    isSymbol: (v) => typeof v === 'symbol',
    isUndefined: (v) => v === undefined,
  };
})
