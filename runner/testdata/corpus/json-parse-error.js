// trigger: pre-user-registration
// A JSON.parse error message: the runner throws V8's wording, as Node does.
module.exports = function (user, context, cb) {
  try {
    JSON.parse('{"a": }');
  } catch (e) {
    return cb(new PreUserRegistrationError(e.name + ': ' + e.message, 'Bad input'));
  }
  cb();
};
