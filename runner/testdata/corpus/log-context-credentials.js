// trigger: credentials-exchange
// payload: {"audience": "https://api.example.com/", "client": {"id": "abc123", "name": "M2M App", "tenant": "acme", "metadata": {"tier": "gold", "region": "eu"}}, "scope": ["read:users", "write:users", "read:logs"], "context": {"ip": "203.0.113.7", "requestId": 42}}
// A custom payload, the arguments logged together, and an access token built from them.
module.exports = function (client, scope, audience, context, cb) {
  console.log('exchange', { client, scope, audience }, context.ip, context.requestId);
  const token = { scope: scope.filter((s) => s.startsWith('read:')) };
  token['https://example.com/tier'] = client.metadata.tier;
  token['https://auth0.com/ignored'] = true;
  console.info(token);
  cb(null, token);
};
