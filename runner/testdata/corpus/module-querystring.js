// trigger: send-phone-message
// require('querystring') parse/stringify/escape/unescape.
const qs = require('querystring');
module.exports = function (recipient, text, context, cb) {
  const body = qs.stringify({ To: recipient, Body: text, Tags: ['otp', 'mfa'], Empty: '', Flag: true });
  console.log(body);
  console.log(qs.parse(body));
  console.log(qs.parse('a=1&a=2&b=%E2%9C%93&c=x+y&d&=e&bad=%ZZ'));
  console.log(qs.escape('a b&c/d?é'), qs.unescape('a%20b%2Fc+d'), qs.parse('x:1;y:2', ';', ':'));
  cb(null, {});
};
