// trigger: pre-user-registration
// RegExp: named groups, lookbehind, sticky, matchAll, replace callbacks, split.
module.exports = function (user, context, cb) {
  const m = /(?<local>[^@]+)@(?<domain>.+)/.exec(user.email);
  console.log(m.groups.local, m.groups.domain, m.index);
  console.log('price: $42, cost: $7'.match(/(?<=\$)\d+/g), 'a1b2c3'.replace(/(?<!a)\d/g, '#'));
  console.log([...'k1=v1;k2=v2'.matchAll(/(?<k>\w+)=(?<v>\w+)/g)].map((x) => x.groups.k + ':' + x.groups.v));
  console.log('John Smith'.replace(/(?<first>\w+) (?<last>\w+)/, '$<last>, $<first>'));
  console.log('2024-01-02'.replace(/(\d+)-(\d+)-(\d+)/, (all, y, mo, d) => [d, mo, y].join('/')));
  const sticky = /foo/y;
  sticky.lastIndex = 3;
  console.log(sticky.test('barfoo'), sticky.lastIndex, /^\w+$/u.test('héllo'), /\u{1F600}/u.test('😀'));
  console.log('a, b ,c'.split(/\s*,\s*/), 'CamelCaseString'.split(/(?=[A-Z])/));
  console.log(/a.c/s.test('a\nc'), /[\s\S]/.source, new RegExp('x+', 'gi').flags);
  cb(null, { user: { user_metadata: { domain: m.groups.domain } } });
};
