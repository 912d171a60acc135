// trigger: credentials-exchange
// `await` of a plain value resumes after one microtask (ES2019), between promise callbacks.
module.exports = function (client, scope, audience, context, cb) {
  const order = [];
  Promise.resolve().then(() => order.push('then 1')).then(() => order.push('then 2')).then(() => order.push('then 3'));
  (async () => {
    await null;
    order.push('after await');
  })();
  setTimeout(() => cb(null, { order }), 5);
};
