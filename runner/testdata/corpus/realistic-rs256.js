// trigger: credentials-exchange
// secrets: {"PRIVATE_KEY": "-----BEGIN PRIVATE KEY-----\nMIICdwIBADANBgkqhkiG9w0BAQEFAASCAmEwggJdAgEAAoGBAMRKUMsOIK6H0SUu\n/ck9/G1l42KU+5Ksvr3fHW8tVhC1uC+IqDsg+ZwpgabZrd1FT849AFyBVOiut9As\ng1ShkMLSLcCxBWeK+snnifTt6tf37ytJYCgOHQ/6qD2TYIFbLcx4UlCzY9MFuPwv\n6ZKDuFA89FSRW/fDfK2dJe8Cdo2RAgMBAAECgYEAo3IqQlqaNhobufWeF3NI/SMp\nKw5ZSPIUxe/CB7BdiP53xwTo6It1rWYWcoOxtZ0gbd/3rA95T2Mk5fAaz17VNR8O\nIFjl+A2mn35IO74jDpKIBz2dn0zyZ7Ct4JkGHbzOha7dt8ukB5tI8prVlBOud86b\nVWch3/NsvMunZl8vt9ECQQDiRYtmj8tPOqAW++g0w9ytXcGWs5cVDVLALGbGnY7Y\ntnwIGPQzrfPvEUQfYFTDeGa+1DfoVylOXMn0wNf0Wxb9AkEA3hRfkmuCr/AB744h\nG/QHIQLYexWzIsH3blUL+Dsd146wFr0fc5DfDKt48RJgq6rGHJ1ktY6PsYKlY/gT\nysGXJQJAX1iuxSkSovAxRX4g+xsNgoBfcwF6SIS0ugX7yPXbm7ZJzZ+2R5ClmbfM\n3OvazAOQSBlk9aLE5SB0eY5Jcc5wgQJAQfWZITrvWOQXHxh+uveyulpHA9/BEdy8\nabe202ZziZdms4o+ciugI/o19Jv5vGL/bnZM+CO8iAN+rf97mWgARQJBAJlRpPv/\ndvLEJkvgevvFq/VEPHbAVCZxx82TvQALAnKeEtQrZqdx/UyKJ7m97Ck22eh15nJy\nRJDSgecoM0GD0kc=\n-----END PRIVATE KEY-----\n", "PUBLIC_KEY": "-----BEGIN PUBLIC KEY-----\nMIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDESlDLDiCuh9ElLv3JPfxtZeNi\nlPuSrL693x1vLVYQtbgviKg7IPmcKYGm2a3dRU/OPQBcgVTorrfQLINUoZDC0i3A\nsQVnivrJ54n07erX9+8rSWAoDh0P+qg9k2CBWy3MeFJQs2PTBbj8L+mSg7hQPPRU\nkVv3w3ytnSXvAnaNkQIDAQAB\n-----END PUBLIC KEY-----\n"}
// Sign an RS256 client assertion with a PEM key from the hook's secrets (a test-only key).
const crypto = require('crypto');
const b64url = (v) => Buffer.from(JSON.stringify(v)).toString('base64url');
module.exports = function (client, scope, audience, context, cb) {
  const unsigned = b64url({ alg: 'RS256', typ: 'JWT' }) + '.' + b64url({ iss: client.id, sub: client.id, aud: audience, iat: 1700000000 });
  const signature = crypto.createSign('RSA-SHA256').update(unsigned).sign(context.webtask.secrets.PRIVATE_KEY, 'base64url');
  const publicKey = context.webtask.secrets.PUBLIC_KEY;
  console.log('verifies:', crypto.createVerify('RSA-SHA256').update(unsigned).verify(publicKey, signature, 'base64url'));
  console.log('tampered:', crypto.verify('sha256', Buffer.from(unsigned + 'x'), publicKey, Buffer.from(signature, 'base64url')));
  cb(null, { scope, 'https://example.com/assertion': unsigned + '.' + signature });
};
