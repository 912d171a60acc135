// trigger: credentials-exchange
// util.format specifiers through every console level.
module.exports = function (client, scope, audience, context, cb) {
  console.log('%s has %d scopes', client.name, scope.length);
  console.info('int %i float %f json %j', '42.9px', '3.25', { a: [1, 2] });
  console.warn('object %o and %O', { k: 1 }, { nested: { deep: { deeper: { deepest: 1 } } } });
  console.error('100%% done, %s', 'really', 'extra', 7, { more: true });
  console.debug('%c styled', 'color: red');
  console.log('%s', { a: { b: 1 } }, '%s', -0);
  console.log('%d %d %i', '0x10', 10n, 2.9);
  console.log('missing %s %s', 'one');
  console.log(5, 'then %s', 'literal');
  console.log('%s', null, undefined, '%j', undefined);
  cb(null, { scope });
};
