// trigger: post-user-registration
// Node 20's console beyond log/info/warn/error/debug: count, countReset, assert, group
// (indentation of what follows, nested, multi-line messages), groupCollapsed, dirxml, dir,
// table. (console.time's output is a duration: see nodelib's TestConsoleTime.)
module.exports = function (user, context, cb) {
  console.count();
  console.count('signups');
  console.count('signups');
  console.countReset('signups');
  console.count('signups');
  console.assert(user.email, 'never printed');
  console.assert(!user.email, 'no email for %s', user.user_id || 'someone');
  console.assert(false);
  console.group('user', user.email);
  console.log('metadata:', { plan: 'free', tags: ['a', 'b'] });
  console.group();
  console.warn('nested\nmulti-line');
  console.error(new Error('indented error').message);
  console.groupEnd();
  console.info('back one level');
  console.groupEnd();
  console.groupEnd();
  console.groupCollapsed('collapsed');
  console.dirxml('dirxml', { a: 1 });
  console.dir({ nested: { deeper: { deepest: { x: 1 } } } }, { depth: 0 });
  console.groupEnd();
  console.table([{ id: 1, name: 'Ada', roles: ['admin', 'dev', 'ops', 'qa'] }, { id: 2, name: 'Grace' }]);
  console.table({ free: { users: 10 }, pro: { users: 3, seats: 5 } });
  console.table([{ a: 1, b: 2 }], ['a']);
  console.table('not tabular');
  cb(null, {});
};
