// trigger: pre-user-registration
// for await…of: goja does not parse it, so hookterm reports a SyntaxError where Node runs
// the loop (a known difference: loud, never a wrong answer).
module.exports = async function (user, context, cb) {
  const out = [];
  for await (const v of [Promise.resolve(1), 2]) out.push(v);
  cb(null, { user: { user_metadata: { out } } });
};
