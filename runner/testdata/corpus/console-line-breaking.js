// trigger: pre-user-registration
// Node's line breaking (breakLength 80, compact 3) and array grouping.
module.exports = function (user, context, cb) {
  console.log(user);
  console.log(context.connection);
  console.log({ list: Array.from({ length: 26 }, (_, i) => i * 3) });
  console.log(Array.from({ length: 120 }, (_, i) => i));
  console.log(['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa']);
  console.log({ description: 'A rather long string value that certainly exceeds the eighty column limit of Node' });
  console.log({ multi: 'first line of a long text value that goes on\nsecond line of the same long text value\nend' });
  console.log({ a: { b: { c: {} } }, d: [{ e: [1, 2, { f: 'g' }] }] });
  console.log(Object.fromEntries(Array.from({ length: 12 }, (_, i) => ['key' + i, 'value number ' + i])));
  cb(null, {});
};
