// trigger: credentials-exchange
// require('util'): format, inspect options, promisify, types, isDeepStrictEqual.
const util = require('util');
module.exports = async function (client, scope, audience, context, cb) {
  console.log(util.format('%s:%d', 'port', 8080), util.inspect({ a: { b: { c: { d: {} } } } }, { depth: 0 }));
  console.log(util.inspect({ a: { b: { c: { d: {} } } } }, { depth: Infinity }), util.inspect('quoted'));
  console.log(util.inspect(Array.from({ length: 8 }, (_, i) => i), { breakLength: 20 }));
  function legacy(value, done) { setTimeout(() => (value ? done(null, value * 2) : done(new Error('no value'))), 1); }
  const p = util.promisify(legacy);
  console.log(await p(21));
  try {
    await p(0);
  } catch (e) {
    console.log('promisified rejection:', e.message);
  }
  console.log(util.types.isPromise(p(1)), util.types.isDate(new Date()), util.types.isRegExp(/x/), util.isDeepStrictEqual({ a: [1] }, { a: [1] }));
  class Temp { constructor() { this.c = 21; } [util.inspect.custom]() { return `Temp<${this.c}°C>`; } }
  console.log(new Temp(), [new Temp()]);
  const cbStyle = util.callbackify(async (x) => x + 1);
  cbStyle(1, (err, v) => {
    console.log('callbackified', err, v);
    cb(null, { scope });
  });
};
