// Small modules: string_decoder, timers, timers/promises.
(function (binding, Buffer, global) {
  'use strict';
  function normEncoding(enc) {
    const e = String(enc === undefined ? 'utf8' : enc).toLowerCase();
    switch (e) {
      case 'utf8': case 'utf-8': return 'utf8';
      case 'ucs2': case 'ucs-2': case 'utf16le': case 'utf-16le': return 'utf16le';
      case 'latin1': case 'binary': return 'latin1';
      case 'base64': case 'base64url': case 'ascii': case 'hex': return e;
    }
    const err = new TypeError('Unknown encoding: ' + enc);
    err.code = 'ERR_UNKNOWN_ENCODING';
    throw err;
  }
  // incomplete returns how many trailing bytes of b start a character not yet complete.
  function incomplete(b, enc) {
    if (enc === 'utf8') {
      for (let i = 1; i <= Math.min(3, b.length); i++) {
        const c = b[b.length - i];
        if ((c & 0xc0) === 0x80) continue;
        const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
        return need > i ? i : 0;
      }
      return 0;
    }
    if (enc === 'utf16le') {
      let n = b.length % 2;
      if (n === 0 && b.length >= 2) {
        const hi = b[b.length - 1];
        if (hi >= 0xd8 && hi <= 0xdb) n = 2;
      }
      return n;
    }
    if (enc === 'base64' || enc === 'base64url') return b.length % 3;
    return 0;
  }
  class StringDecoder {
    constructor(encoding) {
      this.encoding = normEncoding(encoding);
      this.pending = Buffer.alloc(0);
    }
    write(buf) {
      if (typeof buf === 'string') return buf;
      const all = this.pending.length ? Buffer.concat([this.pending, buf]) : Buffer.from(buf);
      const keep = incomplete(all, this.encoding);
      this.pending = Buffer.from(all.subarray(all.length - keep));
      return all.subarray(0, all.length - keep).toString(this.encoding);
    }
    end(buf) {
      let r = buf === undefined ? '' : this.write(buf);
      if (this.pending.length) {
        r += this.encoding === 'utf8' ? '\ufffd' : this.pending.toString(this.encoding);
        this.pending = Buffer.alloc(0);
      }
      return r;
    }
  }
  const timers = {
    setTimeout: global.setTimeout, clearTimeout: global.clearTimeout,
    setInterval: global.setInterval, clearInterval: global.clearInterval,
    setImmediate: global.setImmediate, clearImmediate: global.clearImmediate,
  };
  function abortError(signal) {
    const err = new Error('The operation was aborted', { cause: signal.reason });
    err.code = 'ABORT_ERR';
    err.name = 'AbortError';
    return err;
  }
  // timers/promises with Node's { signal } option.
  function timerPromise(schedule, clear, value, options) {
    const signal = options !== null && typeof options === 'object' ? options.signal : undefined;
    if (signal !== undefined && signal.aborted) return Promise.reject(abortError(signal));
    return new Promise((resolve, reject) => {
      let onAbort;
      const t = schedule(() => {
        if (onAbort) signal.removeEventListener('abort', onAbort);
        resolve(value);
      });
      if (options !== null && typeof options === 'object' && options.ref === false && t && typeof t.unref === 'function') t.unref();
      if (signal !== undefined) {
        onAbort = () => { clear(t); reject(abortError(signal)); };
        signal.addEventListener('abort', onAbort, { once: true });
      }
    });
  }
  const timersPromises = {
    setTimeout: (ms, value, options) => timerPromise((f) => global.setTimeout(f, ms), global.clearTimeout, value, options),
    setImmediate: (value, options) => timerPromise((f) => global.setImmediate(f), global.clearImmediate, value, options),
  };
  const performance = {
    timeOrigin: Date.now() - binding.now() / 1e6,
    now: () => binding.now() / 1e6,
    mark() {},
    measure() {},
  };
  // Node 20's fetch: hookterm runs hooks without network access, so it rejects (as fetch
  // does on a network failure) with an error that says why.
  function fetch(resource) {
    const err = new Error('fetch(' + JSON.stringify(String(resource)) + ') is not available: hooks run without network access in hookterm');
    err.code = 'ERR_HOOKTERM_NOT_SUPPORTED';
    return Promise.reject(err);
  }
  return { string_decoder: { StringDecoder }, timers, timersPromises, performance, fetch };
})
