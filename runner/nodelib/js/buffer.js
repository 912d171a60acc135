// Node's Buffer on goja: a Uint8Array subclass whose encodings, searching and comparison
// run in Go (binding). The numeric read*/write* methods come from goja_nodejs's Buffer.
(function (binding, numericMethods) {
  'use strict';
  const kMaxLength = 2 ** 32;
  const INSPECT_MAX_BYTES = 50;
  const customInspect = Symbol.for('nodejs.util.inspect.custom');

  function normEncoding(enc) {
    if (enc === undefined || enc === null) return 'utf8';
    switch (String(enc).toLowerCase()) {
      case 'utf8': case 'utf-8': return 'utf8';
      case 'hex': return 'hex';
      case 'base64': return 'base64';
      case 'base64url': return 'base64url';
      case 'latin1': case 'binary': return 'latin1';
      case 'ascii': return 'ascii';
      case 'ucs2': case 'ucs-2': case 'utf16le': case 'utf-16le': return 'utf16le';
    }
    return undefined;
  }
  function encodingOrThrow(enc) {
    const e = normEncoding(enc);
    if (e === undefined) {
      const err = new TypeError('Unknown encoding: ' + enc);
      err.code = 'ERR_UNKNOWN_ENCODING';
      throw err;
    }
    return e;
  }
  function received(v) {
    if (v === null) return 'null';
    if (v === undefined) return 'undefined';
    if (typeof v === 'function') return 'function ' + v.name;
    if (typeof v === 'object') {
      if (v.constructor && v.constructor.name) return 'an instance of ' + v.constructor.name;
      return binding.inspect(v, { depth: -1 });
    }
    let s = binding.inspect(v);
    if (s.length > 28) s = s.slice(0, 25) + '...';
    return 'type ' + typeof v + ' (' + s + ')';
  }
  function argTypeError(msg, v) {
    const err = new TypeError(msg + ' Received ' + received(v));
    err.code = 'ERR_INVALID_ARG_TYPE';
    return err;
  }
  function checkSize(size) {
    if (typeof size !== 'number') {
      throw argTypeError('The "size" argument must be of type number.', size);
    }
    if (!(size >= 0 && size <= kMaxLength)) {
      const err = new RangeError('The value of "size" is out of range. It must be >= 0 && <= ' +
        kMaxLength + '. Received ' + String(size).replace(/\B(?=(\d{3})+(?!\d))/g, '_'));
      err.code = 'ERR_OUT_OF_RANGE';
      throw err;
    }
  }

  // FastBuffer is the class; Buffer is a plain function sharing its prototype (as in Node),
  // so that the deprecated Buffer(…) call without new still works.
  class FastBuffer extends Uint8Array {
    constructor(arg, encodingOrOffset, length) {
      if (typeof arg === 'number') {
        checkSize(arg);
        super(arg);
        return;
      }
      if (arg instanceof ArrayBuffer) {
        super(arg, encodingOrOffset, length);
        return;
      }
      return FastBuffer.from(arg, encodingOrOffset, length);
    }

    static from(value, encodingOrOffset, length) {
      if (typeof value === 'string') {
        return new FastBuffer(binding.decode(value, encodingOrThrow(encodingOrOffset)));
      }
      if (typeof value === 'object' && value !== null) {
        if (value instanceof ArrayBuffer) {
          const offset = encodingOrOffset === undefined ? 0 : +encodingOrOffset || 0;
          if (offset > value.byteLength) {
            const err = new RangeError('"offset" is outside of buffer bounds');
            err.code = 'ERR_BUFFER_OUT_OF_BOUNDS';
            throw err;
          }
          const len = length === undefined ? value.byteLength - offset : +length || 0;
          if (offset + len > value.byteLength) {
            const err = new RangeError('"length" is outside of buffer bounds');
            err.code = 'ERR_BUFFER_OUT_OF_BOUNDS';
            throw err;
          }
          return new FastBuffer(value, offset, len);
        }
        if (ArrayBuffer.isView(value)) {
          const src = value instanceof Uint8Array ? value
            : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
          if (!(value instanceof Uint8Array) && !(value instanceof DataView)) {
            // Typed arrays of other element types copy element by element, as in Node.
            const out = new FastBuffer(value.length);
            for (let i = 0; i < value.length; i++) out[i] = value[i];
            return out;
          }
          const out = new FastBuffer(src.length);
          out.set(src);
          return out;
        }
        const prim = value.valueOf && value.valueOf();
        if (prim != null && prim !== value) return Buffer.from(prim, encodingOrOffset, length);
        if (typeof value[Symbol.toPrimitive] === 'function') {
          const p = value[Symbol.toPrimitive]('string');
          if (typeof p === 'string') return Buffer.from(p, encodingOrOffset);
        }
        if (value.type === 'Buffer' && Array.isArray(value.data)) return fromArrayLike(value.data);
        if (typeof value.length === 'number' || Array.isArray(value)) return fromArrayLike(value);
      }
      throw argTypeError('The first argument must be of type string or an instance of Buffer, ' +
        'ArrayBuffer, or Array or an Array-like Object.', value);
    }

    static alloc(size, fill, encoding) {
      checkSize(size);
      const buf = new FastBuffer(size);
      if (fill !== undefined && fill !== 0 && size > 0) buf.fill(fill, encoding);
      return buf;
    }
    static allocUnsafe(size) { checkSize(size); return new FastBuffer(size); }
    static allocUnsafeSlow(size) { checkSize(size); return new FastBuffer(size); }

    static byteLength(string, encoding) {
      if (typeof string !== 'string') {
        if (ArrayBuffer.isView(string) || string instanceof ArrayBuffer) return string.byteLength;
        throw argTypeError('The "string" argument must be of type string or an instance of ' +
          'Buffer or ArrayBuffer.', string);
      }
      return binding.byteLength(string, normEncoding(encoding) || 'utf8');
    }
    static isBuffer(b) { return b instanceof FastBuffer; }
    static isEncoding(enc) { return typeof enc === 'string' && enc !== '' && normEncoding(enc) !== undefined; }
    static compare(a, b) {
      if (!(a instanceof Uint8Array)) throw argTypeError('The "buf1" argument must be an instance of Buffer or Uint8Array.', a);
      if (!(b instanceof Uint8Array)) throw argTypeError('The "buf2" argument must be an instance of Buffer or Uint8Array.', b);
      return binding.compare(a, b);
    }
    static concat(list, totalLength) {
      if (!Array.isArray(list)) throw argTypeError('The "list" argument must be an instance of Array.', list);
      if (list.length === 0) return new FastBuffer(0);
      if (totalLength === undefined) {
        totalLength = 0;
        for (let i = 0; i < list.length; i++) {
          if (!(list[i] instanceof Uint8Array)) {
            throw argTypeError('The "list[' + i + ']" argument must be an instance of Buffer or Uint8Array.', list[i]);
          }
          totalLength += list[i].length;
        }
      }
      const out = new FastBuffer(totalLength);
      let pos = 0;
      for (let i = 0; i < list.length && pos < totalLength; i++) {
        const b = list[i];
        if (!(b instanceof Uint8Array)) {
          throw argTypeError('The "list[' + i + ']" argument must be an instance of Buffer or Uint8Array.', b);
        }
        const n = Math.min(b.length, totalLength - pos);
        out.set(n === b.length ? b : b.subarray(0, n), pos);
        pos += n;
      }
      return out;
    }

    toString(encoding, start, end) {
      if (arguments.length === 0) return binding.encode(this, 'utf8');
      const len = this.length;
      start = start === undefined || start < 0 ? 0 : Math.trunc(+start) || 0;
      end = end === undefined || end > len ? len : Math.trunc(+end) || 0;
      if (start >= len || end <= start) return '';
      const view = start === 0 && end === len ? this : this.subarray(start, end);
      return binding.encode(view, encodingOrThrow(encoding));
    }
    toLocaleString(encoding, start, end) { return this.toString(encoding, start, end); }
    toJSON() { return { type: 'Buffer', data: Array.prototype.slice.call(this) }; }
    equals(other) {
      if (!(other instanceof Uint8Array)) throw argTypeError('The "otherBuffer" argument must be an instance of Buffer or Uint8Array.', other);
      return binding.compare(this, other) === 0;
    }
    compare(target, targetStart = 0, targetEnd = target.length, sourceStart = 0, sourceEnd = this.length) {
      if (!(target instanceof Uint8Array)) throw argTypeError('The "target" argument must be an instance of Buffer or Uint8Array.', target);
      return binding.compare(this.subarray(sourceStart, sourceEnd), target.subarray(targetStart, targetEnd));
    }
    copy(target, targetStart = 0, sourceStart = 0, sourceEnd = this.length) {
      const src = this.subarray(sourceStart, Math.min(sourceEnd, sourceStart + target.length - targetStart));
      target.set(src, targetStart);
      return src.length;
    }
    slice(start, end) { return this.subarray(start, end); }
    write(string, offset, length, encoding) {
      if (typeof offset === 'string') { encoding = offset; offset = 0; length = this.length; }
      else if (typeof length === 'string') { encoding = length; length = this.length - (offset || 0); }
      offset = offset === undefined ? 0 : offset >>> 0;
      const remaining = this.length - offset;
      if (length === undefined || length > remaining) length = remaining;
      const bytes = new Uint8Array(binding.decode(String(string), encodingOrThrow(encoding)));
      let n = Math.min(bytes.length, length);
      if (normEncoding(encoding) === 'utf8' && n < bytes.length) {
        // Never write a partial UTF-8 character.
        while (n > 0 && (bytes[n] & 0xc0) === 0x80) n--;
      }
      this.set(bytes.subarray(0, n), offset);
      return n;
    }
    fill(value, offset, end, encoding) {
      if (typeof offset === 'string') { encoding = offset; offset = 0; end = this.length; }
      else if (typeof end === 'string') { encoding = end; end = this.length; }
      offset = offset === undefined ? 0 : offset;
      end = end === undefined ? this.length : end;
      if (typeof value === 'string') {
        const bytes = new Uint8Array(binding.decode(value, encodingOrThrow(encoding)));
        if (bytes.length === 0) return Uint8Array.prototype.fill.call(this, 0, offset, end);
        for (let i = offset, j = 0; i < end; i++, j = (j + 1) % bytes.length) this[i] = bytes[j];
        return this;
      }
      if (value instanceof Uint8Array) {
        for (let i = offset, j = 0; i < end; i++, j = (j + 1) % value.length) this[i] = value[j];
        return this;
      }
      return Uint8Array.prototype.fill.call(this, typeof value === 'boolean' ? +value : value & 255, offset, end);
    }
    indexOf(value, byteOffset, encoding) { return search(this, value, byteOffset, encoding, false); }
    lastIndexOf(value, byteOffset, encoding) { return search(this, value, byteOffset, encoding, true); }
    includes(value, byteOffset, encoding) { return this.indexOf(value, byteOffset, encoding) !== -1; }
    [customInspect](recurseTimes, ctx) {
      const max = INSPECT_MAX_BYTES;
      const actualMax = Math.min(max, this.length);
      const remaining = this.length - max;
      let str = binding.encode(this.subarray(0, actualMax), 'hex').replace(/(.{2})/g, '$1 ').trim();
      if (remaining > 0) str += ' ... ' + remaining + ' more byte' + (remaining > 1 ? 's' : '');
      return '<' + this.constructor.name + ' ' + str + '>';
    }
  }

  function fromArrayLike(a) {
    const n = a.length >>> 0;
    const out = new FastBuffer(n);
    for (let i = 0; i < n; i++) out[i] = a[i] & 255;
    return out;
  }

  function search(buf, value, byteOffset, encoding, last) {
    if (typeof byteOffset === 'string') { encoding = byteOffset; byteOffset = undefined; }
    let from = byteOffset === undefined ? (last ? buf.length : 0) : Math.trunc(+byteOffset) || 0;
    if (from < 0) from += buf.length;
    if (from < 0) from = last ? -1 : 0;
    if (last && from < 0) return -1;
    if (typeof value === 'number') {
      const v = value & 255;
      return last ? Uint8Array.prototype.lastIndexOf.call(buf, v, from)
        : Uint8Array.prototype.indexOf.call(buf, v, from);
    }
    let needle;
    if (typeof value === 'string') needle = new Uint8Array(binding.decode(value, encodingOrThrow(encoding)));
    else if (value instanceof Uint8Array) needle = value;
    else throw argTypeError('The "value" argument must be one of type number or string or an instance of Buffer or Uint8Array.', value);
    if (needle.length === 0) return last ? Math.min(from, buf.length) : Math.min(from, buf.length);
    return binding.indexOf(buf, needle, from, last);
  }

  // Numeric readers and writers (readUInt32BE, writeInt16LE, …) come from goja_nodejs's
  // Buffer through a lazy object between Buffer.prototype and Uint8Array.prototype: building
  // them costs more than the rest of Buffer and few hooks use them.
  Object.setPrototypeOf(FastBuffer.prototype, numericMethods);

  function Buffer(arg, encodingOrOffset, length) {
    if (new.target === undefined) {
      return typeof arg === 'number' ? FastBuffer.alloc(arg) : FastBuffer.from(arg, encodingOrOffset, length);
    }
    if (typeof arg === 'number') {
      checkSize(arg);
      return Reflect.construct(Uint8Array, [arg], new.target);
    }
    if (arg instanceof ArrayBuffer) return Reflect.construct(Uint8Array, [arg, encodingOrOffset, length], new.target);
    return FastBuffer.from(arg, encodingOrOffset, length);
  }
  Buffer.prototype = FastBuffer.prototype;
  Object.defineProperty(Buffer.prototype, 'constructor', { value: Buffer, writable: true, configurable: true, enumerable: false });
  Object.setPrototypeOf(Buffer, Uint8Array);
  Buffer.from = FastBuffer.from;
  Buffer.alloc = FastBuffer.alloc;
  Buffer.allocUnsafe = FastBuffer.allocUnsafe;
  Buffer.allocUnsafeSlow = FastBuffer.allocUnsafeSlow;
  Buffer.byteLength = FastBuffer.byteLength;
  Buffer.isBuffer = FastBuffer.isBuffer;
  Buffer.isEncoding = FastBuffer.isEncoding;
  Buffer.compare = FastBuffer.compare;
  Buffer.concat = FastBuffer.concat;
  Buffer.poolSize = 8192;

  return {
    Buffer,
    kMaxLength,
    kStringMaxLength: 2 ** 29 - 24,
    constants: { MAX_LENGTH: kMaxLength, MAX_STRING_LENGTH: 2 ** 29 - 24 },
    INSPECT_MAX_BYTES,
    SlowBuffer: Buffer,
  };
})
