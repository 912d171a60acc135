// trigger: credentials-exchange
// BigInt arithmetic, conversions and the JSON error BigInt raises.
module.exports = function (client, scope, audience, context, cb) {
  const a = 2n ** 64n;
  console.log(a, a * a, a / 3n, a % 7n, -a, BigInt('0x1f'), BigInt.asUintN(8, 257n), typeof a);
  console.log(String(a), a.toString(16), Number(2n ** 53n), 5n > 4, 5n == 5, [3n, 1n, 2n].sort());
  let err;
  try {
    JSON.stringify({ a });
  } catch (e) {
    err = e.name;
  }
  console.log('JSON of a BigInt throws', err);
  cb(null, { scope, 'https://example.com/big': a.toString() });
};
