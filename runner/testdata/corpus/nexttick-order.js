// trigger: credentials-exchange
// process.nextTick runs before promise jobs in Node, and in hookterm (the runner enters each
// turn through the prelude, which queues the tick drain ahead of the turn's promise jobs).
module.exports = function (client, scope, audience, context, cb) {
  const order = [];
  Promise.resolve().then(() => order.push('promise'));
  process.nextTick(() => order.push('tick'));
  setTimeout(() => cb(null, { order }), 5);
};
