function (user, context, callback) {
  // trigger: pre-user-registration
  // A bare anonymous function, as SDK and Terraform fixtures store hooks.
  console.log('bare', user.username || user.email);
  callback(null, { user: { app_metadata: { from: 'bare' } } });
}
