// trigger: pre-user-registration
// Map, Set, Date, errors, class instances, symbols, BigInt and functions in console output.
class Account {
  constructor(id) {
    this.id = id;
    this.tags = new Set(['new']);
  }
}
module.exports = function (user, context, cb) {
  const m = new Map([['email', user.email], ['meta', { plan: 'free' }]]);
  console.log(m);
  console.log(new Set([1, 'two', { three: 3 }]));
  console.log(new Date(Date.UTC(2024, 1, 29, 12, 30, 0)));
  console.log({ when: new Date(0) });
  console.log(new Account('acc_1'));
  console.log([new Account('a'), new Account('b')]);
  console.log(Symbol('tag'), { [Symbol('k')]: 'v' });
  console.log(12345678901234567890n, { big: 2n ** 70n });
  console.log(function named() {}, () => {}, class Thing {}, async function later() {});
  console.log({ fn: function inner() {}, arrow: () => 1 });
  console.log(new Map(), new Set(), new WeakMap());
  console.log(/user-(\d+)/gi, { re: /x/ });
  console.log([1.5, -0, 2n, 'x', null]);
  cb(null, { user: { app_metadata: { ok: true } } });
};
