// trigger: credentials-exchange
// secrets: {"JWT_SECRET": "a-very-secret-signing-key"}
// A common hook: sign a small HS256 JWT by hand for a downstream API and add it as a claim.
const crypto = require('crypto');
function b64url(input) {
  return Buffer.from(typeof input === 'string' ? input : JSON.stringify(input)).toString('base64url');
}
module.exports = function (client, scope, audience, context, cb) {
  const header = { alg: 'HS256', typ: 'JWT' };
  const payload = { sub: client.id, aud: audience, scope: scope.join(' '), iat: 1700000000, exp: 1700003600 };
  const unsigned = b64url(header) + '.' + b64url(payload);
  const signature = crypto.createHmac('sha256', context.webtask.secrets.JWT_SECRET).update(unsigned).digest('base64url');
  const jwt = unsigned + '.' + signature;
  const [h, p] = jwt.split('.').map((part, i) => (i < 2 ? JSON.parse(Buffer.from(part, 'base64url').toString()) : part));
  console.log('signed for', p.sub, 'alg', h.alg, 'length', jwt.length);
  console.log('decoded payload', p);
  cb(null, { scope, 'https://example.com/downstream_token': jwt });
};
