// trigger: credentials-exchange
// An engine TypeError message (V8 and goja word it differently: a known difference).
module.exports = function (client, scope, audience, context, cb) {
  const missing = client.notThere;
  cb(null, { scope: missing.scope });
};
