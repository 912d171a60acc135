// Intrinsics util.inspect needs that goja's Go API does not expose (property descriptors,
// brand checks). Compiled once per process; evaluated once per runtime on first use.
(function () {
  'use strict';
  const gopd = Object.getOwnPropertyDescriptor;
  const getProto = Object.getPrototypeOf;
  const objKeys = Object.keys;
  const ownNames = Object.getOwnPropertyNames;
  const ownSyms = Object.getOwnPropertySymbols;
  const isEnum = Object.prototype.propertyIsEnumerable;
  const hasOwn = Object.prototype.hasOwnProperty;
  const fnToString = Function.prototype.toString;
  const ObjectProto = Object.prototype;
  const FunctionProto = Function.prototype;
  const setSize = gopd(Set.prototype, 'size').get;
  const weakMapHas = WeakMap.prototype.has;
  const weakSetHas = WeakSet.prototype.has;
  const AsyncFunctionProto = getProto(async function () {});
  const GeneratorFunctionProto = getProto(function* () {});
  const indexRe = /^(0|[1-9][0-9]*)$/;
  const builtInNames = new Set(ownNames(globalThis).filter((e) => /^[A-Z][a-zA-Z0-9]+$/.test(e)));
  function builtIn(name) { return builtInNames.has(name); }
  function brand(fn, v, arg) {
    try { fn.call(v, arg); return true; } catch (e) { return false; }
  }
  function instanceOf(o, c) {
    try { return o instanceof c; } catch (e) { return false; }
  }
  function ctorName(obj) {
    const tmp = obj;
    let first;
    while (obj) {
      if ((obj === ObjectProto && instanceOf(tmp, Object)) ) return 'Object';
      if (obj === FunctionProto && instanceOf(tmp, Function)) return 'Function';
      const d = gopd(obj, 'constructor');
      if (d !== undefined && typeof d.value === 'function' && d.value.name !== '' &&
          instanceOf(tmp, d.value)) {
        return String(d.value.name);
      }
      obj = getProto(obj);
      if (first === undefined) first = obj;
    }
    if (first === null) return null;
    const inner = ctorName(first);
    return 'Object <' + (inner === null ? '[Object: null prototype] {}' : inner) + '>';
  }
  function keys(o, showHidden) {
    const k = showHidden ? ownNames(o) : objKeys(o);
    const s = ownSyms(o);
    for (let i = 0; i < s.length; i++) {
      if (showHidden || isEnum.call(o, s[i])) k.push(s[i]);
    }
    return k;
  }
  function nonIndexKeys(o, showHidden) {
    const all = keys(o, showHidden);
    const out = [];
    for (let i = 0; i < all.length; i++) {
      const k = all[i];
      if (typeof k === 'string' && (indexRe.test(k) && +k < 4294967295)) continue;
      out.push(k);
    }
    return out;
  }
  function funcType(f) {
    const p = getProto(f);
    if (p === AsyncFunctionProto) return 'AsyncFunction';
    if (p === GeneratorFunctionProto) return 'GeneratorFunction';
    return 'Function';
  }
  function isClass(f) {
    let s;
    try { s = fnToString.call(f); } catch (e) { return false; }
    return s.startsWith('class') && s.endsWith('}');
  }
  function tag(o) {
    let t;
    try { t = o[Symbol.toStringTag]; } catch (e) { return ''; }
    if (typeof t !== 'string' || (t !== '' && isEnum.call(o, Symbol.toStringTag))) return '';
    return t;
  }
  // describe returns [ctorName, tag, nElems, (kind, value)…, (key, kind, value)…]; kind is
  // 0 data, 1 getter, 2 setter, 3 both, 5 hole, +8 when not enumerable.
  function kindOf(d) {
    let k;
    if (d === undefined) return 5;
    if ('value' in d) k = 0;
    else k = d.get ? (d.set ? 3 : 1) : 2;
    return d.enumerable ? k : k + 8;
  }
  function describe(o, mode, showHidden, maxItems) {
    const out = [ctorName(o), tag(o)];
    if (mode === 2) {
      const n = Math.min(o.length, maxItems);
      out.push(n);
      for (let i = 0; i < n; i++) {
        const d = gopd(o, i);
        const k = kindOf(d);
        out.push(k, k === 0 ? d.value : undefined);
      }
    } else {
      out.push(0);
    }
    const ks = mode === 0 ? keys(o, showHidden) : nonIndexKeys(o, showHidden);
    for (let i = 0; i < ks.length; i++) {
      const d = gopd(o, ks[i]);
      const k = d === undefined ? 0 : kindOf(d);
      out.push(ks[i], k, d === undefined ? o[ks[i]] : ((k & 7) === 0 ? d.value : undefined));
    }
    return out;
  }
  return {
    describe,
    funcType,
    isClass,
    desc: gopd,
    isSet(o) { return brand(setSize, o); },
    isWeakMap(o) { return brand(weakMapHas, o, o); },
    isWeakSet(o) { return brand(weakSetHas, o, o); },
    isError(o) { return instanceOf(o, Error); },
    has(o, k) { try { return k in o; } catch (e) { return false; } },
    superName(f) { const p = getProto(f); return p && typeof p.name === 'string' ? p.name : ''; },
    ownName(f) { return hasOwn.call(f, 'name') ? f.name : undefined; },
    custom: Symbol.for('nodejs.util.inspect.custom'),
    setValues(s) { return Array.from(s); },
    mapEntries(m) { return Array.from(m); },
    stackOf(e) { try { return e.stack ? String(e.stack) : Error.prototype.toString.call(e); } catch (x) { return ''; } },
    str(v) { return String(v); },
    json(v) {
      try {
        return String(JSON.stringify(v));
      } catch (e) {
        if (e instanceof TypeError && /circular/i.test(e.message)) return '[Circular]';
        throw e;
      }
    },
    parseInt(v) { return parseInt(v); },
    parseFloat(v) { return parseFloat(v); },
    toNumber(v) { return Number(v); },
    hasBuiltInToString(value) {
      let hasOwnToString = (o, k) => hasOwn.call(o, k);
      let hasOwnToPrimitive = (o, k) => hasOwn.call(o, k);
      if (typeof value.toString !== 'function') {
        if (typeof value[Symbol.toPrimitive] !== 'function') return true;
        else if (hasOwn.call(value, Symbol.toPrimitive)) return false;
        hasOwnToString = () => false;
      } else if (hasOwn.call(value, 'toString')) {
        return false;
      } else if (typeof value[Symbol.toPrimitive] !== 'function') {
        hasOwnToPrimitive = () => false;
      } else if (hasOwn.call(value, Symbol.toPrimitive)) {
        return false;
      }
      let pointer = value;
      do {
        pointer = getProto(pointer);
      } while (!hasOwnToString(pointer, 'toString') && !hasOwnToPrimitive(pointer, Symbol.toPrimitive));
      const d = gopd(pointer, 'constructor');
      return d !== undefined && typeof d.value === 'function' && builtIn(d.value.name);
    },
  };
})()
