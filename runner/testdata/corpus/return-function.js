// trigger: post-change-password
// The `return function` form the webtask compiler accepts, with secrets in context.
// secrets: {"API_TOKEN": "token-value"}
return function (user, context, cb) {
  console.log('secret length', context.webtask.secrets.API_TOKEN.length, Object.keys(context.webtask.secrets));
  console.log(Object.keys(context.webtask).sort());
  cb(null, { done: true, email: user.email });
};
