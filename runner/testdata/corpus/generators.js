// trigger: credentials-exchange
// Generators, iterators, spread and destructuring.
function* ids(prefix) {
  let i = 0;
  while (true) {
    const reset = yield `${prefix}-${i++}`;
    if (reset) i = 0;
  }
}
module.exports = function (client, scope, audience, context, cb) {
  const g = ids('req');
  const first = [g.next().value, g.next().value, g.next(true).value, g.next().value];
  function* take(n, it) { for (const v of it) { if (n-- <= 0) return; yield v; } }
  const squares = [...take(5, (function* () { let n = 1; while (true) yield n * n++; })())];
  const [x, , z = 'default', ...rest] = 'abcdef';
  const { a, b: { c } = {}, ...others } = { a: 1, b: { c: 2 }, d: 3, e: 4 };
  const it = { from: 1, to: 3, [Symbol.iterator]() { let v = this.from; const to = this.to; return { next: () => (v <= to ? { value: v++, done: false } : { value: undefined, done: true }) }; } };
  console.log(first, squares, x, z, rest, a, c, others, [...it], Array.from(it, (v) => v * 2));
  const gen = ids('x');
  console.log(gen.return('done'), gen.next());
  cb(null, { scope, ids: first });
};
