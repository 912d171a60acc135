// trigger: credentials-exchange
// process.nextTick runs before promise jobs in Node; hookterm's share one queue (a known
// difference, see knownDifferences in nodecompat_test.go).
module.exports = function (client, scope, audience, context, cb) {
  const order = [];
  Promise.resolve().then(() => order.push('promise'));
  process.nextTick(() => order.push('tick'));
  setTimeout(() => cb(null, { order }), 5);
};
