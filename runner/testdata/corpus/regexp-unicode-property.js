// trigger: pre-user-registration
// \p{…} Unicode property escapes: goja treats \p{L} as the letters "p{L}" and never
// matches; hookterm must say so rather than answer wrongly (a known difference).
module.exports = function (user, context, cb) {
  const onlyLetters = /^\p{L}+$/u.test('Zoë');
  cb(null, { user: { user_metadata: { onlyLetters } } });
};
