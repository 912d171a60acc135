// Web platform globals Node provides: TextEncoder, TextDecoder, atob, btoa, structuredClone.
(function (binding) {
  'use strict';
  function domException(name, message) {
    const err = new Error(message);
    err.name = name;
    return err;
  }
  function argTypeError(msg) {
    const err = new TypeError(msg);
    err.code = 'ERR_INVALID_ARG_TYPE';
    return err;
  }

  class TextEncoder {
    get encoding() { return 'utf-8'; }
    encode(input = '') {
      return new Uint8Array(binding.decode(String(input), 'utf8'));
    }
    encodeInto(src, dest) {
      const bytes = new Uint8Array(binding.decode(String(src), 'utf8'));
      let written = Math.min(bytes.length, dest.length);
      while (written > 0 && written < bytes.length && (bytes[written] & 0xc0) === 0x80) written--;
      dest.set(bytes.subarray(0, written));
      const read = binding.encode(bytes.subarray(0, written), 'utf8').length;
      return { read, written };
    }
  }

  const decoderLabels = {
    'utf-8': 'utf-8', utf8: 'utf-8', 'unicode-1-1-utf-8': 'utf-8',
    'utf-16le': 'utf-16le', 'utf-16': 'utf-16le',
    latin1: 'windows-1252', 'iso-8859-1': 'windows-1252', 'windows-1252': 'windows-1252',
    ascii: 'windows-1252', 'us-ascii': 'windows-1252',
  };
  class TextDecoder {
    #encoding;
    #fatal;
    #ignoreBOM;
    constructor(label = 'utf-8', options = {}) {
      const enc = decoderLabels[String(label).trim().toLowerCase()];
      if (enc === undefined) {
        const err = new RangeError('The "' + label + '" encoding is not supported');
        err.code = 'ERR_ENCODING_NOT_SUPPORTED';
        throw err;
      }
      this.#encoding = enc;
      this.#fatal = Boolean(options && options.fatal);
      this.#ignoreBOM = Boolean(options && options.ignoreBOM);
    }
    get encoding() { return this.#encoding; }
    get fatal() { return this.#fatal; }
    get ignoreBOM() { return this.#ignoreBOM; }
    decode(input = new Uint8Array(0), options = {}) {
      if (options && options.stream) {
        throw domException('NotSupportedError', 'hookterm: TextDecoder streaming is not supported');
      }
      let bytes;
      if (input instanceof ArrayBuffer) bytes = new Uint8Array(input);
      else if (ArrayBuffer.isView(input)) bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
      else throw argTypeError('The "input" argument must be an instance of ArrayBuffer or ArrayBufferView. Received ' + binding.inspect(input));
      if (this.#encoding === 'utf-8') {
        if (!this.#ignoreBOM && bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
          bytes = bytes.subarray(3);
        }
        if (this.#fatal && !binding.validUTF8(bytes)) {
          const err = new TypeError('The encoded data was not valid for encoding utf-8');
          err.code = 'ERR_ENCODING_INVALID_ENCODED_DATA';
          throw err;
        }
        return binding.encode(bytes, 'utf8');
      }
      if (this.#encoding === 'utf-16le') {
        if (!this.#ignoreBOM && bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) bytes = bytes.subarray(2);
        return binding.encode(bytes, 'utf16le');
      }
      return binding.encode(bytes, 'latin1');
    }
  }

  function btoa(input) {
    if (arguments.length === 0) throw argTypeError('The "input" argument must be specified');
    input = String(input);
    for (let i = 0; i < input.length; i++) {
      if (input.charCodeAt(i) > 0xff) throw domException('InvalidCharacterError', 'Invalid character');
    }
    return binding.encode(new Uint8Array(binding.decode(input, 'latin1')), 'base64');
  }

  function atob(input) {
    if (arguments.length === 0) throw argTypeError('The "input" argument must be specified');
    input = String(input).replace(/[\t\n\f\r ]/g, '');
    if (input.length % 4 === 0) input = input.replace(/==?$/, '');
    if (input.length % 4 === 1 || /[^A-Za-z0-9+/]/.test(input)) {
      throw domException('InvalidCharacterError', 'The string to be decoded is not correctly encoded.');
    }
    return binding.encode(new Uint8Array(binding.decode(input, 'base64')), 'latin1');
  }

  function structuredClone(value, options) {
    if (arguments.length === 0) {
      throw new TypeError("Failed to execute 'structuredClone' on 'Window': 1 argument required, but only 0 present.");
    }
    const seen = new Map();
    function uncloneable(v) {
      return domException('DataCloneError', String(v) + ' could not be cloned.');
    }
    function clone(v) {
      if (typeof v === 'function') throw uncloneable(v);
      if (typeof v === 'symbol') throw uncloneable(v.toString());
      if (typeof v !== 'object' || v === null) return v;
      if (seen.has(v)) return seen.get(v);
      let out;
      const tag = Object.prototype.toString.call(v);
      if (Array.isArray(v)) {
        out = new Array(v.length);
        seen.set(v, out);
        for (const k of Object.keys(v)) out[k] = clone(v[k]);
        return out;
      }
      if (v instanceof Date) { out = new Date(v.getTime()); seen.set(v, out); return out; }
      if (v instanceof RegExp) { out = new RegExp(v.source, v.flags); seen.set(v, out); return out; }
      if (v instanceof Map) {
        out = new Map();
        seen.set(v, out);
        for (const [k, val] of v) out.set(clone(k), clone(val));
        return out;
      }
      if (v instanceof Set) {
        out = new Set();
        seen.set(v, out);
        for (const val of v) out.add(clone(val));
        return out;
      }
      if (v instanceof ArrayBuffer) { out = v.slice(0); seen.set(v, out); return out; }
      if (ArrayBuffer.isView(v)) {
        const C = v instanceof DataView ? DataView : Object.getPrototypeOf(Uint8Array.prototype).constructor;
        const buf = v.buffer.slice(0);
        if (v instanceof DataView) out = new DataView(buf, v.byteOffset, v.byteLength);
        else {
          // Buffers come back as plain Uint8Arrays, as in Node.
          let Ctor = v.constructor;
          while (Ctor && Object.getPrototypeOf(Ctor) !== C) Ctor = Object.getPrototypeOf(Ctor);
          out = new Ctor(buf, v.byteOffset, v.length);
        }
        seen.set(v, out);
        return out;
      }
      if (v instanceof Error) {
        const names = ['Error', 'EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError'];
        const name = names.includes(v.name) ? v.name : 'Error';
        out = new globalThis[name](v.message);
        seen.set(v, out);
        if (v.stack !== undefined) out.stack = v.stack;
        if ('cause' in v) out.cause = clone(v.cause);
        return out;
      }
      if (tag === '[object Number]' || tag === '[object String]' || tag === '[object Boolean]' || tag === '[object BigInt]') {
        out = Object(v.valueOf());
        seen.set(v, out);
        return out;
      }
      if (v instanceof Promise || v instanceof WeakMap || v instanceof WeakSet) throw uncloneable(v);
      out = {};
      seen.set(v, out);
      for (const k of Object.keys(v)) out[k] = clone(v[k]);
      return out;
    }
    return clone(value);
  }

  return { TextEncoder, TextDecoder, atob, btoa, structuredClone };
})
