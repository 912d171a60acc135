// trigger: post-user-registration
// Errors in console output: the message line, extra properties and nested errors (stack
// frames are compared without their "at" lines, which name engine internals).
module.exports = function (user, context, cb) {
  const e = new Error('profile incomplete');
  console.log(e);
  const t = new TypeError('bad type');
  t.code = 'E_TYPE';
  t.status = 400;
  console.error(t);
  console.log({ cause: new RangeError('too far') });
  console.log('failed:', new Error('inline'));
  console.log(String(new Error('as string')));
  console.log(new Error('with cause', { cause: 'root cause' }));
  class HookError extends Error {
    constructor(msg) { super(msg); this.name = 'HookError'; }
  }
  console.warn(new HookError('custom'));
  console.log(new PreUserRegistrationError('denied', 'You cannot sign up'));
  cb();
};
