// trigger: pre-user-registration
// payload: {"user": {"tenant": "acme", "username": "Jane.Doe", "email": "Jane.Doe+test@Example.COM", "emailVerified": false, "phoneNumber": "", "user_metadata": {"locale": "fr"}, "app_metadata": {}}, "context": {"connection": {"id": "con_1", "name": "Username-Password-Authentication", "tenant": "acme"}, "requestLanguage": "fr-FR,fr;q=0.9"}}
// A registration policy: normalise the email, derive metadata, reject disposable domains.
const crypto = require('crypto');
const DISPOSABLE = new Set(['mailinator.com', 'trashmail.com']);
module.exports = function (user, context, cb) {
  const email = user.email.trim().toLowerCase();
  const { local, domain } = email.match(/^(?<local>[^@]+)@(?<domain>[^@]+)$/).groups;
  const canonical = local.replace(/\+.*$/, '').replace(/\./g, '') + '@' + domain;
  console.log({ email, local, domain, canonical });
  if (DISPOSABLE.has(domain)) {
    return cb(new PreUserRegistrationError('disposable domain ' + domain, 'Please use a permanent email address'));
  }
  const languages = context.requestLanguage.split(',').map((l) => l.split(';')[0]);
  const userMetadata = {
    ...user.user_metadata,
    languages,
    signup_hash: crypto.createHash('sha256').update(canonical).digest('hex').slice(0, 16),
    registered_via: context.connection.name,
  };
  console.info('metadata', userMetadata);
  cb(null, { user: { user_metadata: userMetadata, app_metadata: { roles: ['member'], 'bad.key': 1 } } });
};
