// Node's crypto module, the parts hooks use, on Go's standard library (binding).
(function (binding, Buffer) {
  'use strict';
  function received(v) {
    if (v === null || v === undefined) return String(v);
    if (typeof v === 'function') return 'function ' + v.name;
    if (typeof v === 'object') return v.constructor && v.constructor.name ? 'an instance of ' + v.constructor.name : binding.inspect(v, { depth: -1 });
    let s = binding.inspect(v);
    if (s.length > 28) s = s.slice(0, 25) + '...';
    return 'type ' + typeof v + ' (' + s + ')';
  }
  function codeError(Ctor, code, msg) {
    const err = new Ctor(msg);
    err.code = code;
    return err;
  }
  function argTypeError(msg, v) {
    return codeError(TypeError, 'ERR_INVALID_ARG_TYPE', msg + ' Received ' + received(v));
  }
  function toBytes(data, enc, name) {
    if (typeof data === 'string') return Buffer.from(data, enc === 'buffer' ? undefined : enc);
    if (ArrayBuffer.isView(data)) return data;
    if (data instanceof ArrayBuffer) return new Uint8Array(data);
    throw argTypeError('The "' + name + '" argument must be of type string or an instance of Buffer, TypedArray, or DataView.', data);
  }
  function output(bytes, enc) {
    const buf = Buffer.from(bytes);
    return enc === undefined || enc === 'buffer' ? buf : buf.toString(enc);
  }

  class Hash {
    #handle;
    #finalized = false;
    constructor(algorithm, handle) {
      if (handle === undefined) {
        if (typeof algorithm !== 'string') throw argTypeError('The "algorithm" argument must be of type string.', algorithm);
        handle = binding.hash(algorithm);
        if (handle === null) throw new Error('Digest method not supported');
      }
      this.#handle = handle;
    }
    update(data, encoding) {
      if (this.#finalized) throw codeError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
      this.#handle.update(toBytes(data, encoding, 'data'));
      return this;
    }
    digest(encoding) {
      if (this.#finalized) throw codeError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
      this.#finalized = true;
      return output(this.#handle.digest(), encoding);
    }
    copy() {
      if (this.#finalized) throw codeError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
      return new Hash(undefined, this.#handle.copy());
    }
  }

  class Hmac {
    #handle;
    #finalized = false;
    constructor(hmac, key) {
      if (typeof hmac !== 'string') throw argTypeError('The "hmac" argument must be of type string.', hmac);
      if (key === null || key === undefined || (typeof key !== 'string' && !ArrayBuffer.isView(key) && !(key instanceof ArrayBuffer))) {
        throw argTypeError('The "key" argument must be of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey.', key);
      }
      const handle = binding.hmac(hmac, toBytes(key, 'utf8', 'key'));
      if (handle === null) throw codeError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', 'Invalid digest: ' + hmac);
      this.#handle = handle;
    }
    update(data, encoding) {
      if (this.#finalized) throw codeError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
      this.#handle.update(toBytes(data, encoding, 'data'));
      return this;
    }
    digest(encoding) {
      if (this.#finalized) return output(new Uint8Array(0), encoding);
      this.#finalized = true;
      return output(this.#handle.digest(), encoding);
    }
  }

  function createHash(algorithm, options) { return new Hash(algorithm); }
  function createHmac(hmac, key, options) { return new Hmac(hmac, key); }
  function hash(algorithm, data, outputEncoding = 'hex') {
    return new Hash(algorithm).update(data).digest(outputEncoding);
  }

  function checkSize(size, name) {
    if (typeof size !== 'number') throw argTypeError('The "' + name + '" argument must be of type number.', size);
    if (!(size >= 0 && size <= 2 ** 31 - 1) || !Number.isInteger(size)) {
      throw codeError(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "' + name + '" is out of range. It must be >= 0 && <= 2147483647. Received ' + size);
    }
  }
  function randomBytes(size, callback) {
    checkSize(size, 'size');
    const buf = Buffer.alloc(size);
    binding.randomFill(buf);
    if (callback === undefined) return buf;
    if (typeof callback !== 'function') throw argTypeError('The "callback" argument must be of type function.', callback);
    binding.microtask(callback, null, buf);
  }
  function randomFillSync(buf, offset = 0, size) {
    const view = ArrayBuffer.isView(buf) ? new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) : new Uint8Array(buf);
    binding.randomFill(view.subarray(offset, size === undefined ? undefined : offset + size));
    return buf;
  }
  function randomFill(buf, offset, size, callback) {
    if (typeof offset === 'function') { callback = offset; offset = 0; size = undefined; }
    else if (typeof size === 'function') { callback = size; size = undefined; }
    randomFillSync(buf, offset, size);
    binding.microtask(callback, null, buf);
  }
  function randomUUID(options) {
    const b = Buffer.alloc(16);
    binding.randomFill(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = b.toString('hex');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }
  function randomInt(min, max, callback) {
    if (typeof max === 'undefined' || typeof max === 'function') { callback = max; max = min; min = 0; }
    if (!Number.isSafeInteger(min)) throw argTypeError('The "min" argument must be a safe integer.', min);
    if (!Number.isSafeInteger(max)) throw argTypeError('The "max" argument must be a safe integer.', max);
    if (max <= min) {
      throw codeError(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "max" is out of range. It must be greater than the value of "min" (' + min + '). Received ' + max);
    }
    const range = max - min;
    const b = Buffer.alloc(6);
    const limit = 2 ** 48 - (2 ** 48 % range);
    let x;
    do {
      binding.randomFill(b);
      x = b.readUIntBE(0, 6);
    } while (x >= limit);
    const n = min + (x % range);
    if (typeof callback === 'function') { binding.microtask(callback, null, n); return; }
    return n;
  }
  function getRandomValues(data) {
    const tag = data && Object.prototype.toString.call(data);
    if (!ArrayBuffer.isView(data) || /Float|DataView/.test(tag)) {
      const err = new TypeError('The data argument must be an integer-type TypedArray');
      err.name = 'TypeMismatchError';
      throw err;
    }
    if (data.byteLength > 65536) {
      const err = new Error("The ArrayBufferView's byte length (" + data.byteLength + ') exceeds the number of bytes of entropy available via this API (65536)');
      err.name = 'QuotaExceededError';
      throw err;
    }
    binding.randomFill(data);
    return data;
  }
  function timingSafeEqual(a, b) {
    if (!ArrayBuffer.isView(a) && !(a instanceof ArrayBuffer)) {
      throw argTypeError('The "buf1" argument must be an instance of ArrayBuffer, Buffer, TypedArray, or DataView.', a);
    }
    if (!ArrayBuffer.isView(b) && !(b instanceof ArrayBuffer)) {
      throw argTypeError('The "buf2" argument must be an instance of ArrayBuffer, Buffer, TypedArray, or DataView.', b);
    }
    if (a.byteLength !== b.byteLength) {
      throw codeError(RangeError, 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH', 'Input buffers must have the same byte length');
    }
    return binding.timingSafeEqual(a, b);
  }
  function pbkdf2Sync(password, salt, iterations, keylen, digest) {
    const out = binding.pbkdf2(toBytes(password, 'utf8', 'password'), toBytes(salt, 'utf8', 'salt'), iterations, keylen, String(digest));
    if (out === null) throw codeError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', 'Invalid digest: ' + digest);
    return Buffer.from(out);
  }
  function pbkdf2(password, salt, iterations, keylen, digest, callback) {
    let key;
    try { key = pbkdf2Sync(password, salt, iterations, keylen, digest); } catch (e) { binding.microtask(callback, e); return; }
    binding.microtask(callback, null, key);
  }

  const exported = {
    createHash, createHmac, hash, Hash, Hmac,
    randomBytes, pseudoRandomBytes: randomBytes, prng: randomBytes, rng: randomBytes,
    randomFill, randomFillSync, randomUUID, randomInt, getRandomValues, timingSafeEqual,
    pbkdf2, pbkdf2Sync,
    getHashes: () => binding.hashes().slice(),
    webcrypto: { getRandomValues, randomUUID },
    constants: {},
  };
  // Node functions hookterm does not have yet fail loudly rather than being undefined; they
  // live on a lazy prototype (binding.unsupported) so that requiring crypto stays cheap.
  Object.setPrototypeOf(exported, binding.unsupportedCrypto());
  for (const o of [exported, exported.webcrypto]) {
    Object.defineProperty(o, 'subtle', {
      enumerable: true,
      get() { throw codeError(Error, 'ERR_HOOKTERM_NOT_SUPPORTED', 'crypto.subtle is not supported by hookterm yet'); },
    });
  }
  return exported;
})
