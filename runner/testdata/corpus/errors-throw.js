// trigger: credentials-exchange
// A synchronous throw is the hook's error; so is a TypeError from the engine.
module.exports = function (client, scope, audience, context, cb) {
  console.log('about to fail');
  if (client.metadata.plan === 'full') {
    throw new InvalidScopeError('scope not allowed for plan ' + client.metadata.plan);
  }
  cb(null, {});
};
