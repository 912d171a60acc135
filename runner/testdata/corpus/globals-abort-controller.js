// trigger: credentials-exchange
// AbortController and AbortSignal as hooks with fetch-like code use them: abort() with and
// without a reason, listeners, onabort, throwIfAborted, AbortSignal.abort/timeout/any, and a
// timers/promises wait cancelled through its signal.
const { setTimeout: wait } = require('timers/promises');
module.exports = async function (client, scope, audience, context, cb) {
  const c = new AbortController();
  const events = [];
  c.signal.addEventListener('abort', (e) => events.push('listener:' + e.type + ':' + (e.target === c.signal)));
  c.signal.onabort = () => events.push('onabort');
  c.signal.addEventListener('abort', () => events.push('once'), { once: true });
  console.log(c.signal.aborted, c.signal.reason, c.signal);
  c.abort();
  c.abort('second abort is ignored');
  console.log(c.signal.aborted, c.signal.reason.name, c.signal.reason.message, c.signal.reason.code, c.signal.reason instanceof Error);
  try {
    c.signal.throwIfAborted();
  } catch (e) {
    console.log('thrown', e.name, e === c.signal.reason);
  }
  const r = new AbortController();
  r.abort(new Error('custom reason'));
  console.log(r.signal.reason.message, AbortSignal.abort('why').reason, String(AbortSignal.abort().reason));
  const timeout = AbortSignal.timeout(10);
  const any = AbortSignal.any([new AbortController().signal, timeout]);
  await new Promise((resolve) => timeout.addEventListener('abort', resolve));
  console.log(timeout.aborted, timeout.reason.name, timeout.reason.message, any.aborted, any.reason === timeout.reason);
  const w = new AbortController();
  const pending = wait(1000, 'never', { signal: w.signal }).catch((e) => e.name + ': ' + e.message + ' ' + e.code);
  w.abort();
  console.log(await pending, Object.prototype.toString.call(c.signal), typeof AbortController, typeof AbortSignal);
  try {
    new AbortSignal();
  } catch (e) {
    console.log(e.name, e.message);
  }
  console.log(events);
  cb(null, { accessToken: { scope: scope } });
};
