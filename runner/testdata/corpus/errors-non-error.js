// trigger: send-phone-message
// cb with a string and with a plain object: the webtask adapter wraps them in an Error.
module.exports = function (recipient, text, context, cb) {
  if (recipient.startsWith('+1')) return cb({ message: 'carrier rejected', code: 30007 });
  cb('plain string failure');
};
