// trigger: pre-user-registration
// Promise combinators and async/await, including caught rejections.
const delay = (ms, v) => new Promise((resolve) => setTimeout(() => resolve(v), ms));
module.exports = async function (user, context, cb) {
  const all = await Promise.all([delay(5, 'a'), 'b', Promise.resolve('c')]);
  const settled = await Promise.allSettled([Promise.reject(new Error('no')), delay(1, 'yes')]);
  const race = await Promise.race([delay(30, 'slow'), delay(2, 'fast')]);
  const any = await Promise.any([Promise.reject(new Error('x')), delay(3, 'any')]);
  let caught;
  try {
    await Promise.reject(new TypeError('rejected'));
  } catch (e) {
    caught = e.name + ': ' + e.message;
  }
  let aggregate;
  try {
    await Promise.any([Promise.reject(new Error('1')), Promise.reject(new Error('2'))]);
  } catch (e) {
    aggregate = [e.constructor.name, e.errors.length];
  }
  console.log(all, settled, race, any, caught, aggregate);
  const results = [];
  for (const p of [delay(2, 1), 2, delay(1, 3)]) results.push(await p);
  cb(null, { user: { user_metadata: { all, race, any, results, status: settled.map((s) => s.status) } } });
};
