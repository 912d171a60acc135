// trigger: credentials-exchange
// A result JSON cannot serialise is an error; undefined members disappear.
module.exports = function (client, scope, audience, context, cb) {
  const claims = { scope, 'https://example.com/n': 1 };
  claims.self = claims;
  cb(null, claims);
};
