// trigger: pre-user-registration
// cb(new PreUserRegistrationError(message, friendlyMessage)).
module.exports = function (user, context, cb) {
  if (user.email.endsWith('@example.com')) {
    console.warn('blocked domain', user.email.split('@')[1]);
    return cb(new PreUserRegistrationError('Denied user registration in Pre User Registration Hook', 'Please use your work email'));
  }
  cb(null, { user: {} });
};
