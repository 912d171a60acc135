// WHATWG URL and URLSearchParams; parsing and serialisation run in Go (whatwgurl.go).
(function (binding) {
  'use strict';
  const kHandle = Symbol('context');
  const kParams = Symbol('searchParams');
  const kList = Symbol('query');
  const kURL = Symbol('url');
  function hidden(o, k, v) {
    Object.defineProperty(o, k, { value: v, writable: true, configurable: true, enumerable: false });
  }
  function invalidURL(input, base) {
    const err = new TypeError('Invalid URL');
    err.code = 'ERR_INVALID_URL';
    err.input = input;
    if (base !== undefined) err.base = base;
    return err;
  }
  function missingArgs(name) {
    const err = new TypeError('The "' + name + '" argument must be specified');
    err.code = 'ERR_MISSING_ARGS';
    return err;
  }
  function toUSV(v) { return String(v); }

  class URLSearchParams {
    constructor(init = undefined) {
      hidden(this, kList, []);
      hidden(this, kURL, null);
      if (init === undefined || init === null) return;
      if (typeof init === 'object' || typeof init === 'function') {
        if (typeof init[Symbol.iterator] === 'function') {
          for (const pair of init) {
            if ((typeof pair !== 'object' && typeof pair !== 'function') || pair === null || typeof pair[Symbol.iterator] !== 'function') {
              const err = new TypeError('Each query pair must be an iterable [name, value] tuple');
              err.code = 'ERR_INVALID_TUPLE';
              throw err;
            }
            const arr = [...pair];
            if (arr.length !== 2) {
              const err = new TypeError('Each query pair must be an iterable [name, value] tuple');
              err.code = 'ERR_INVALID_TUPLE';
              throw err;
            }
            this[kList].push([toUSV(arr[0]), toUSV(arr[1])]);
          }
        } else {
          for (const k of Reflect.ownKeys(init)) {
            if (typeof k === 'string' && Object.prototype.propertyIsEnumerable.call(init, k)) {
              this[kList].push([k, toUSV(init[k])]);
            }
          }
        }
        return;
      }
      let s = toUSV(init);
      if (s.startsWith('?')) s = s.slice(1);
      this[kList] = binding.formDecode(s);
    }
    get size() { return this[kList].length; }
    append(name, value) {
      if (arguments.length < 2) throw missingArgs(arguments.length === 0 ? 'name' : 'value');
      this[kList].push([toUSV(name), toUSV(value)]);
      update(this);
    }
    delete(name, value) {
      if (arguments.length < 1) throw missingArgs('name');
      name = toUSV(name);
      if (value !== undefined) {
        value = toUSV(value);
        this[kList] = this[kList].filter(([k, v]) => !(k === name && v === value));
      } else {
        this[kList] = this[kList].filter(([k]) => k !== name);
      }
      update(this);
    }
    get(name) {
      if (arguments.length < 1) throw missingArgs('name');
      name = toUSV(name);
      const e = this[kList].find(([k]) => k === name);
      return e === undefined ? null : e[1];
    }
    getAll(name) {
      if (arguments.length < 1) throw missingArgs('name');
      name = toUSV(name);
      return this[kList].filter(([k]) => k === name).map(([, v]) => v);
    }
    has(name, value) {
      if (arguments.length < 1) throw missingArgs('name');
      name = toUSV(name);
      if (value !== undefined) {
        value = toUSV(value);
        return this[kList].some(([k, v]) => k === name && v === value);
      }
      return this[kList].some(([k]) => k === name);
    }
    set(name, value) {
      if (arguments.length < 2) throw missingArgs(arguments.length === 0 ? 'name' : 'value');
      name = toUSV(name);
      value = toUSV(value);
      const list = this[kList];
      const i = list.findIndex(([k]) => k === name);
      if (i < 0) list.push([name, value]);
      else {
        list[i][1] = value;
        this[kList] = list.filter(([k], j) => j <= i || k !== name);
      }
      update(this);
    }
    sort() {
      // Stable sort by UTF-16 code units of the names.
      const list = this[kList].map((e, i) => [e, i]);
      list.sort((a, b) => (a[0][0] < b[0][0] ? -1 : a[0][0] > b[0][0] ? 1 : a[1] - b[1]));
      this[kList] = list.map(([e]) => e);
      update(this);
    }
    forEach(callback, thisArg = undefined) {
      if (typeof callback !== 'function') {
        const err = new TypeError('The "callback" argument must be of type function. Received ' + binding.inspect(callback));
        err.code = 'ERR_INVALID_ARG_TYPE';
        throw err;
      }
      for (let i = 0; i < this[kList].length; i++) {
        const [k, v] = this[kList][i];
        callback.call(thisArg, v, k, this);
      }
    }
    *entries() { for (const [k, v] of this[kList]) yield [k, v]; }
    *keys() { for (const [k] of this[kList]) yield k; }
    *values() { for (const [, v] of this[kList]) yield v; }
    [Symbol.iterator]() { return this.entries(); }
    toString() { return this[kList].map(([k, v]) => binding.formEncode(k) + '=' + binding.formEncode(v)).join('&'); }
    get [Symbol.toStringTag]() { return 'URLSearchParams'; }
  }
  function update(params) {
    const url = params[kURL];
    if (url === null) return;
    const s = params.toString();
    binding.urlSet(url[kHandle], 'search', s === '' ? '' : '?' + s);
    if (s === '') binding.urlSet(url[kHandle], 'search', '');
  }

  class URL {
    constructor(input, base = undefined) {
      if (arguments.length === 0) throw missingArgs('url');
      input = toUSV(input);
      let h;
      if (base !== undefined) {
        const b = binding.urlParse(toUSV(base));
        if (b === null) throw invalidURL(input, toUSV(base));
        h = binding.urlParse(input, b);
        if (h === null) throw invalidURL(input, toUSV(base));
      } else {
        h = binding.urlParse(input);
        if (h === null) throw invalidURL(input);
      }
      hidden(this, kHandle, h);
      hidden(this, kParams, null);
    }
    static canParse(input, base = undefined) {
      if (base !== undefined) {
        const b = binding.urlParse(toUSV(base));
        return b !== null && binding.urlParse(toUSV(input), b) !== null;
      }
      return binding.urlParse(toUSV(input)) !== null;
    }
    get href() { return binding.urlGet(this[kHandle], 'href'); }
    set href(v) {
      if (!binding.urlSet(this[kHandle], 'href', toUSV(v))) throw invalidURL(toUSV(v));
      syncParams(this);
    }
    get origin() { return binding.urlGet(this[kHandle], 'origin'); }
    get protocol() { return binding.urlGet(this[kHandle], 'protocol'); }
    set protocol(v) { binding.urlSet(this[kHandle], 'protocol', toUSV(v)); }
    get username() { return binding.urlGet(this[kHandle], 'username'); }
    set username(v) { binding.urlSet(this[kHandle], 'username', toUSV(v)); }
    get password() { return binding.urlGet(this[kHandle], 'password'); }
    set password(v) { binding.urlSet(this[kHandle], 'password', toUSV(v)); }
    get host() { return binding.urlGet(this[kHandle], 'host'); }
    set host(v) { binding.urlSet(this[kHandle], 'host', toUSV(v)); }
    get hostname() { return binding.urlGet(this[kHandle], 'hostname'); }
    set hostname(v) { binding.urlSet(this[kHandle], 'hostname', toUSV(v)); }
    get port() { return binding.urlGet(this[kHandle], 'port'); }
    set port(v) { binding.urlSet(this[kHandle], 'port', toUSV(v)); }
    get pathname() { return binding.urlGet(this[kHandle], 'pathname'); }
    set pathname(v) { binding.urlSet(this[kHandle], 'pathname', toUSV(v)); }
    get search() { return binding.urlGet(this[kHandle], 'search'); }
    set search(v) { binding.urlSet(this[kHandle], 'search', toUSV(v)); syncParams(this); }
    get searchParams() {
      if (this[kParams] === null) {
        const p = new URLSearchParams(this.search);
        p[kURL] = this;
        this[kParams] = p;
      }
      return this[kParams];
    }
    get hash() { return binding.urlGet(this[kHandle], 'hash'); }
    set hash(v) { binding.urlSet(this[kHandle], 'hash', toUSV(v)); }
    toString() { return this.href; }
    toJSON() { return this.href; }
    get [Symbol.toStringTag]() { return 'URL'; }
  }
  function syncParams(url) {
    if (url[kParams] !== null) url[kParams][kList] = binding.formDecode(url.search.slice(1));
  }
  for (const C of [URL, URLSearchParams]) {
    for (const k of Object.getOwnPropertyNames(C.prototype)) {
      const d = Object.getOwnPropertyDescriptor(C.prototype, k);
      if (k !== 'constructor' && (d.get || d.set)) Object.defineProperty(C.prototype, k, { enumerable: true });
    }
  }
  // Node's custom inspection of the WHATWG classes (lib/internal/url.js).
  const customInspect = Symbol.for('nodejs.util.inspect.custom');
  Object.defineProperty(URL.prototype, customInspect, {
    configurable: true,
    writable: true,
    value: function (depth, opts) {
      if (typeof depth === 'number' && depth < 0) return this;
      const constructor = this.constructor || URL;
      const obj = Object.create({ constructor });
      obj.href = this.href;
      obj.origin = this.origin;
      obj.protocol = this.protocol;
      obj.username = this.username;
      obj.password = this.password;
      obj.host = this.host;
      obj.hostname = this.hostname;
      obj.port = this.port;
      obj.pathname = this.pathname;
      obj.search = this.search;
      obj.searchParams = this.searchParams;
      obj.hash = this.hash;
      return constructor.name + ' ' + binding.inspect(obj, opts);
    },
  });
  Object.defineProperty(URLSearchParams.prototype, customInspect, {
    configurable: true,
    writable: true,
    value: function (recurseTimes, ctx) {
      if (typeof recurseTimes === 'number' && recurseTimes < 0) return '[Object]';
      const innerOpts = Object.assign({}, ctx);
      if (recurseTimes !== null) innerOpts.depth = recurseTimes - 1;
      const output = [];
      for (const [k, v] of this) output.push(binding.inspect(k, innerOpts) + ' => ' + binding.inspect(v, innerOpts));
      const length = output.reduce((prev, cur) => prev + cur.length + 2, -2);
      const name = this.constructor.name;
      if (length > ctx.breakLength) return name + ' {\n  ' + output.join(',\n  ') + ' }';
      if (output.length) return name + ' { ' + output.join(', ') + ' }';
      return name + ' {}';
    },
  });
  return {
    URL,
    URLSearchParams,
    domainToASCII: (d) => binding.domainToASCII(toUSV(d)),
    domainToUnicode: (d) => binding.domainToUnicode(toUSV(d)),
  };
})
