// trigger: pre-user-registration
// require('assert'): passing checks and the AssertionError a failing one throws.
const assert = require('assert');
module.exports = function (user, context, cb) {
  assert(user.email, 'email required');
  assert.strictEqual(typeof user.email, 'string');
  assert.deepStrictEqual({ a: [1] }, { a: [1] });
  assert.throws(() => JSON.parse('{'), SyntaxError);
  try {
    assert.strictEqual(user.user_metadata ? 1 : 0, 2);
  } catch (e) {
    console.log(e.name, e.code, JSON.stringify(e.message), e.actual, e.expected, e.operator);
  }
  try {
    assert.ok(context.notThere, 'context.notThere must be set');
  } catch (e) {
    return cb(e);
  }
  cb();
};
