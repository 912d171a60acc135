// trigger: send-phone-message
// toLocaleString and Date#toString as a hook formats them for people (Node: en-US, UTC).
module.exports = function (recipient, text, context, cb) {
  const expires = new Date(Date.UTC(2024, 11, 31, 23, 5, 9));
  console.log(`code expires ${expires.toLocaleTimeString()} on ${expires.toLocaleDateString()}`);
  console.log(expires.toLocaleString(), String(expires), `${new Date(0)}`);
  console.log((1234567.891).toLocaleString(), (0.5).toLocaleString(), (1234.5).toLocaleString(undefined, { minimumFractionDigits: 2 }));
  console.log(expires.toLocaleString('en-US', { timeZone: 'America/New_York' }), [1234, 5.5].toLocaleString());
  cb(null, { expires: expires.toLocaleString() });
};
