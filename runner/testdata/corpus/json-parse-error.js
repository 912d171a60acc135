// trigger: pre-user-registration
// A JSON.parse error message (V8 and goja word them differently: a known difference).
module.exports = function (user, context, cb) {
  try {
    JSON.parse('{"a": }');
  } catch (e) {
    return cb(new PreUserRegistrationError(e.name + ': ' + e.message, 'Bad input'));
  }
  cb();
};
