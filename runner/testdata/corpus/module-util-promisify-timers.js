// trigger: post-user-registration
// util.promisify(setTimeout) and util.promisify(setImmediate) resolve with the value
// argument, as in Node (setTimeout carries util.promisify.custom: timers/promises).
const util = require('util');
const sleep = util.promisify(setTimeout);
const tick = util.promisify(setImmediate);
module.exports = async function (user, context, cb) {
  const v = await sleep(5, 'val');
  const w = await tick('imm');
  const t = require('timers/promises');
  console.log(v, w, sleep === t.setTimeout, typeof setTimeout[util.promisify.custom]);
  const order = [];
  await Promise.all([sleep(20).then(() => order.push('slow')), sleep(1).then(() => order.push('fast'))]);
  cb(null, { v, w, order });
};
