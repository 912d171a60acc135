// trigger: pre-user-registration
// secrets: {"API_KEY": "k-123"}
// Logging the whole arguments, as hooks often do while being written.
module.exports = function (user, context, cb) {
  console.log(user);
  console.log(context);
  console.log('context.webtask:', context.webtask);
  console.log(JSON.stringify(context.webtask.secrets), Object.keys(context));
  cb(null, { user });
};
