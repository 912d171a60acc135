// trigger: credentials-exchange
// secrets: {"SIGNING_KEY": "s3cr3t-signing-key"}
// require('crypto'): hashes, HMACs, and the shapes of random values.
const crypto = require('crypto');
module.exports = function (client, scope, audience, context, cb) {
  for (const alg of ['md5', 'sha1', 'sha256', 'sha512']) {
    console.log(alg, crypto.createHash(alg).update(client.id).digest('hex'));
  }
  console.log(crypto.createHash('sha256').update('a').update('b').digest('base64'));
  console.log(crypto.createHmac('sha256', context.webtask.secrets.SIGNING_KEY).update(audience).digest('base64url'));
  console.log(crypto.createHash('sha1').update(Buffer.from([1, 2, 3])).digest());
  const token = crypto.randomBytes(32).toString('hex');
  const uuid = crypto.randomUUID();
  console.log(token.length, /^[0-9a-f-]{36}$/.test(uuid), crypto.randomInt(5, 6));
  const expected = crypto.createHmac('sha256', 'k').update('m').digest();
  console.log(crypto.timingSafeEqual(expected, crypto.createHmac('sha256', 'k').update('m').digest()));
  try {
    crypto.timingSafeEqual(Buffer.from('a'), Buffer.from('bb'));
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
  cb(null, { scope, 'https://example.com/fingerprint': crypto.createHash('md5').update(client.name).digest('hex') });
};
