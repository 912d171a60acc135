// trigger: post-change-password
// process.nextTick in every kind of turn: ticks (and the ticks they queue) before promise
// jobs and queueMicrotask, in the hook's call and in a timer callback. (No setImmediate beside
// setTimeout 0: which runs first is not fixed in Node either.)
module.exports = function (user, context, cb) {
  const order = [];
  setTimeout(() => order.push('t0'), 0);
  Promise.resolve().then(() => order.push('p1'));
  queueMicrotask(() => order.push('qm'));
  process.nextTick(() => { order.push('tick'); process.nextTick(() => order.push('tick2')); });
  process.nextTick((a, b) => order.push('args:' + a + b), 'x', 'y');
  order.push('sync');
  setTimeout(() => {
    Promise.resolve().then(() => order.push('tp'));
    process.nextTick(() => order.push('tt'));
  }, 5);
  setTimeout(() => cb(null, { order }), 20);
};
