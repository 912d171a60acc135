// trigger: credentials-exchange
// The Node globals: TextEncoder/TextDecoder, atob/btoa, structuredClone, queueMicrotask,
// process (with an empty env), global, URL.
module.exports = function (client, scope, audience, context, cb) {
  const bytes = new TextEncoder().encode('héllo ✓');
  console.log(bytes, new TextDecoder().decode(bytes), new TextEncoder().encoding);
  console.log(btoa('user:pass'), atob('dXNlcjpwYXNz'));
  try {
    btoa('✓');
  } catch (e) {
    console.log(e.name, e.message);
  }
  const original = { nested: { list: [1, 2] }, when: new Date(0), map: new Map([['k', 'v']]) };
  const copy = structuredClone(original);
  copy.nested.list.push(3);
  console.log(original.nested.list, copy.nested.list, copy.when instanceof Date, copy.map.get('k'));
  console.log(typeof process.nextTick, process.env, Object.keys(process.env).length, process.version.startsWith('v'));
  console.log(typeof global, global === globalThis, typeof URL, typeof URLSearchParams, typeof Buffer);
  console.log(typeof require, typeof module, typeof exports, typeof __filename, typeof __dirname);
  queueMicrotask(() => {
    console.log('microtask ran');
    cb(null, { scope });
  });
};
