// trigger: pre-user-registration
// String#localeCompare with locales and options (sensitivity, numeric), locale-aware sorting
// and toLocaleUpperCase/LowerCase with a language that has its own case rules.
module.exports = function (user, context, cb) {
  const allowed = ['MULLER@example.com', 'other@example.com'];
  const ok = allowed.some((a) => a.localeCompare('muller@example.com', 'en', { sensitivity: 'base' }) === 0);
  const accent = 'Müller'.localeCompare('Muller', undefined, { sensitivity: 'accent' });
  const versions = ['v10', 'v2', 'v1', 'V3'].sort((a, b) => a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' }));
  const swedish = ['ö', 'z', 'a', 'ä', 'å'].sort((a, b) => a.localeCompare(b, 'sv'));
  const german = ['ö', 'z', 'a', 'ä', 'å'].sort((a, b) => a.localeCompare(b, 'de'));
  const plain = ['b', 'B', 'a', 'á', 'A'].sort((a, b) => a.localeCompare(b));
  console.log(ok, accent, '2'.localeCompare('10', undefined, { numeric: true }), '2'.localeCompare('10'));
  console.log(versions, swedish, german, plain);
  console.log('istanbul'.toLocaleUpperCase('tr-TR'), 'istanbul'.toLocaleUpperCase('en-US'), 'DİYARBAKIR'.toLocaleLowerCase('tr'));
  cb(null, { user: { user_metadata: { ok, versions, swedish } } });
};
