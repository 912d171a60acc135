// trigger: credentials-exchange
// console.log of objects, arrays, nesting, strings, numbers, -0, undefined and null.
module.exports = function (client, scope, audience, context, cb) {
  console.log({ a: 1, b: [1, 2] });
  console.log('client', client);
  console.log([scope, audience]);
  console.log({ level1: { level2: { level3: { level4: 'deep' } } } });
  console.log([[1, [2, [3, [4]]]]]);
  console.log(42, 3.5, -0, 0, NaN, Infinity, -1e21, 1e-7);
  console.log(undefined, null, true, false);
  console.log({ u: undefined, n: null, z: -0, s: 'it\'s "quoted"', e: '', t: 'tab\there' });
  console.log(['a', 'b'], 'plain string', { 'key with space': 1, valid_id: 2, 3: 'three' });
  console.log([]);
  console.log({});
  console.log([undefined, null, , 4]);
  cb(null, { scope });
};
