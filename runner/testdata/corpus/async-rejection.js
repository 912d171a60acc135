// trigger: post-change-password
// A rejected async hook is the hook's error.
module.exports = async function (user, context, cb) {
  console.log('checking', user.email);
  await null;
  throw new Error('password policy service unavailable');
};
