// trigger: send-phone-message
// payload: {"recipient": "+15555550123", "text": "Your verification code is: 123456", "context": {"factor_type": "first", "message_type": "sms", "action": "enrollment", "language": "en", "code": "123456", "ip": "127.0.0.1", "user_agent": "Mozilla/5.0", "client_id": "abc", "name": "Test App", "tenant": "acme", "user_id": "auth0|61", "user": {"email": "u@example.com"}}}
// secrets: {"TWILIO_SID": "AC0123456789", "TWILIO_TOKEN": "tok-abcdef"}
// A custom SMS provider: build the request a hook would POST (no network here).
const querystring = require('querystring');
module.exports = function (recipient, text, context, cb) {
  const { TWILIO_SID, TWILIO_TOKEN } = context.webtask.secrets;
  const url = new URL(`/2010-04-01/Accounts/${encodeURIComponent(TWILIO_SID)}/Messages.json`, 'https://api.twilio.com');
  const body = new URLSearchParams({ To: recipient, From: '+15550000000', Body: text });
  const auth = 'Basic ' + Buffer.from(`${TWILIO_SID}:${TWILIO_TOKEN}`).toString('base64');
  console.log('POST', url.href);
  console.log('body', body.toString(), querystring.parse(body.toString()));
  console.log('headers', { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: auth.slice(0, 10) + '…' });
  console.log('context', context.message_type, context.action, context.code === text.match(/\d{6}/)[0]);
  if (!/^\+\d{8,15}$/.test(recipient)) return cb(new SendPhoneMessageError('invalid number', 'Please check the number'));
  cb(null, {});
};
