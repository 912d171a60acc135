// trigger: credentials-exchange
// Timers, immediates, promise jobs and queueMicrotask in Node's order.
module.exports = function (client, scope, audience, context, cb) {
  const order = [];
  setTimeout(() => order.push('timeout 150'), 150);
  setTimeout(() => order.push('timeout 0'), 0);
  Promise.resolve().then(() => order.push('promise 1')).then(() => order.push('promise 2'));
  queueMicrotask(() => order.push('microtask'));
  new Promise((resolve) => {
    order.push('executor');
    resolve();
  }).then(() => order.push('resolved'));
  order.push('sync');
  const iv = setInterval(() => {
    order.push('interval');
    if (order.filter((o) => o === 'interval').length === 3) clearInterval(iv);
  }, 5);
  const cancelled = setTimeout(() => order.push('cancelled'), 1);
  clearTimeout(cancelled);
  setTimeout(() => {
    console.log(order.join(' | '));
    cb(null, { scope, order });
  }, 200);
};
