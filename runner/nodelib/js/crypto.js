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

  class Cipheriv {
    #handle;
    #decipher;
    constructor(algorithm, key, iv, options, decipher) {
      if (typeof algorithm !== 'string') throw argTypeError('The "cipher" argument must be of type string.', algorithm);
      this.#decipher = decipher;
      this.#handle = binding.cipher(algorithm, toBytes(key, 'utf8', 'key'), iv === null || iv === undefined ? null : toBytes(iv, 'utf8', 'iv'), decipher);
    }
    update(data, inputEncoding, outputEncoding) {
      const out = Buffer.from(this.#handle.update(toBytes(data, inputEncoding, 'data')));
      return outputEncoding === undefined || outputEncoding === 'buffer' ? out : out.toString(outputEncoding);
    }
    final(outputEncoding) {
      const out = Buffer.from(this.#handle.final());
      return outputEncoding === undefined || outputEncoding === 'buffer' ? out : out.toString(outputEncoding);
    }
    setAutoPadding(autoPadding = true) { this.#handle.setAutoPadding(autoPadding); return this; }
    setAAD(buffer) { this.#handle.setAAD(toBytes(buffer, 'utf8', 'buffer')); return this; }
    getAuthTag() { return Buffer.from(this.#handle.getAuthTag()); }
    setAuthTag(tag) { this.#handle.setAuthTag(toBytes(tag, 'utf8', 'buffer')); return this; }
  }
  class Decipheriv extends Cipheriv {
    constructor(algorithm, key, iv, options) { super(algorithm, key, iv, options, true); }
  }
  class CipherivPublic extends Cipheriv {
    constructor(algorithm, key, iv, options) { super(algorithm, key, iv, options, false); }
  }
  Object.defineProperty(CipherivPublic, 'name', { value: 'Cipheriv' });

  // Keys: a PEM string or Buffer, or { key, padding, saltLength, dsaEncoding }.
  function keyParts(key) {
    if (key !== null && typeof key === 'object' && !ArrayBuffer.isView(key) && !(key instanceof ArrayBuffer)) {
      if (key.type !== undefined && key.asymmetricKeyType !== undefined) {
        throw codeError(Error, 'ERR_HOOKTERM_NOT_SUPPORTED', 'KeyObject keys are not supported by hookterm yet: pass the PEM text');
      }
      return [toBytes(key.key, 'utf8', 'key'), key];
    }
    if (typeof key !== 'string' && !ArrayBuffer.isView(key)) {
      throw argTypeError('The "key" argument must be of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey.', key);
    }
    return [toBytes(key, 'utf8', 'key'), undefined];
  }
  function sign(algorithm, data, key, callback) {
    const [pemKey, opts] = keyParts(key);
    const sig = Buffer.from(binding.sign(algorithm, toBytes(data, 'utf8', 'data'), pemKey, opts));
    if (typeof callback === 'function') { binding.microtask(callback, null, sig); return; }
    return sig;
  }
  function verify(algorithm, data, key, signature, callback) {
    const [pemKey, opts] = keyParts(key);
    const ok = binding.verify(algorithm, toBytes(data, 'utf8', 'data'), pemKey, toBytes(signature, 'utf8', 'signature'), opts);
    if (typeof callback === 'function') { binding.microtask(callback, null, ok); return; }
    return ok;
  }
  class Sign {
    #alg;
    #chunks = [];
    constructor(algorithm) {
      if (typeof algorithm !== 'string') throw argTypeError('The "algorithm" argument must be of type string.', algorithm);
      if (binding.hash(algorithm.replace(/^rsa-/i, '').replace(/withrsaencryption$/i, '')) === null) throw new Error('Invalid digest');
      this.#alg = algorithm;
    }
    update(data, encoding) { this.#chunks.push(Buffer.from(toBytes(data, encoding, 'data'))); return this; }
    sign(key, outputEncoding) { return output(sign(this.#alg, Buffer.concat(this.#chunks), key), outputEncoding); }
    verify(key, signature, signatureEncoding) {
      const sig = typeof signature === 'string' ? Buffer.from(signature, signatureEncoding) : signature;
      return verify(this.#alg, Buffer.concat(this.#chunks), key, sig);
    }
  }
  class Verify extends Sign {}

  function hkdfSync(digest, ikm, salt, info, keylen) {
    const out = binding.hkdf(String(digest), toBytes(ikm, 'utf8', 'ikm'), toBytes(salt, 'utf8', 'salt'), toBytes(info, 'utf8', 'info'), keylen);
    if (out === null) throw codeError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', 'Invalid digest: ' + digest);
    return out;
  }
  function hkdf(digest, ikm, salt, info, keylen, callback) {
    let key;
    try { key = hkdfSync(digest, ikm, salt, info, keylen); } catch (e) { binding.microtask(callback, e); return; }
    binding.microtask(callback, null, key);
  }
  function scryptSync(password, salt, keylen, options = {}) {
    const N = options.N ?? options.cost ?? 16384;
    const r = options.r ?? options.blockSize ?? 8;
    const p = options.p ?? options.parallelization ?? 1;
    return Buffer.from(binding.scrypt(toBytes(password, 'utf8', 'password'), toBytes(salt, 'utf8', 'salt'), keylen, N, r, p));
  }
  function scrypt(password, salt, keylen, options, callback) {
    if (typeof options === 'function') { callback = options; options = {}; }
    let key;
    try { key = scryptSync(password, salt, keylen, options); } catch (e) { binding.microtask(callback, e); return; }
    binding.microtask(callback, null, key);
  }

  const exported = {
    hkdf, hkdfSync, scrypt, scryptSync,
    sign, verify, Sign, Verify,
    createSign: (algorithm) => new Sign(algorithm),
    createVerify: (algorithm) => new Verify(algorithm),
    createCipheriv: (algorithm, key, iv, options) => new CipherivPublic(algorithm, key, iv, options),
    createDecipheriv: (algorithm, key, iv, options) => new Decipheriv(algorithm, key, iv, options),
    Cipheriv: CipherivPublic,
    Decipheriv,
    getCiphers: () => binding.ciphers(),
    createHash, createHmac, hash, Hash, Hmac,
    randomBytes, pseudoRandomBytes: randomBytes, prng: randomBytes, rng: randomBytes,
    randomFill, randomFillSync, randomUUID, randomInt, getRandomValues, timingSafeEqual,
    pbkdf2, pbkdf2Sync,
    getHashes: () => binding.hashes().slice(),
    webcrypto: { getRandomValues, randomUUID },
    constants: { RSA_PKCS1_PADDING: 1, RSA_NO_PADDING: 3, RSA_PKCS1_OAEP_PADDING: 4, RSA_PKCS1_PSS_PADDING: 6, RSA_PSS_SALTLEN_DIGEST: -1, RSA_PSS_SALTLEN_MAX_SIGN: -2, RSA_PSS_SALTLEN_AUTO: -2 },
  };
  // Node functions hookterm does not have yet fail loudly rather than being undefined; they
  // live on a lazy prototype (binding.unsupported) so that requiring crypto stays cheap.
  Object.setPrototypeOf(exported, binding.unsupportedCrypto());
  // SubtleCrypto: digest only; the other methods reject with a reason, as a promise would.
  // Built on first use (a getter, as Node's crypto.subtle is).
  let subtle;
  function getSubtle() {
    if (subtle !== undefined) return subtle;
    const subtleDigests = { 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };
    subtle = {
      digest(algorithm, data) {
        return new Promise((resolve) => {
          const name = typeof algorithm === 'string' ? algorithm : algorithm && algorithm.name;
          const alg = subtleDigests[String(name).toUpperCase()];
          if (alg === undefined) {
            const err = new Error('Unrecognized algorithm name');
            err.name = 'NotSupportedError';
            throw err;
          }
          const bytes = new Hash(alg).update(toBytes(data, 'utf8', 'data')).digest();
          resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
        });
      },
    };
    for (const name of ['encrypt', 'decrypt', 'sign', 'verify', 'generateKey', 'deriveKey', 'deriveBits', 'importKey', 'exportKey', 'wrapKey', 'unwrapKey']) {
      subtle[name] = () => Promise.reject(codeError(Error, 'ERR_HOOKTERM_NOT_SUPPORTED', 'crypto.subtle.' + name + '() is not supported by hookterm yet'));
    }
    return subtle;
  }
  Object.defineProperty(exported, 'subtle', { get: getSubtle, enumerable: true, configurable: true });
  Object.defineProperty(exported.webcrypto, 'subtle', { get: getSubtle, enumerable: true, configurable: true });
  return exported;
})
