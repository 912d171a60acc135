// trigger: credentials-exchange
// URL, URLSearchParams and require('url') (legacy parse/format/resolve).
const url = require('url');
module.exports = function (client, scope, audience, context, cb) {
  const u = new URL(audience);
  console.log(u.origin, u.host, u.pathname, u.protocol);
  const cbUrl = new URL('/callback?state=abc', 'https://app.example.com:8443/login');
  cbUrl.searchParams.set('code', 'x y/z');
  cbUrl.searchParams.append('scope', scope.join(' '));
  console.log(cbUrl.href, cbUrl.search, cbUrl.searchParams.get('state'));
  console.log(cbUrl);
  const params = new URLSearchParams({ a: '1', b: 'two words', c: 'ü' });
  params.sort();
  console.log(params.toString(), [...params.keys()], params);
  console.log(url.parse('https://user:pw@api.example.com:444/v1/items?limit=10&sort=asc#top', true));
  console.log(url.format({ protocol: 'https', host: 'example.com', pathname: '/a b', query: { q: 'x&y' } }));
  console.log(url.resolve('https://example.com/a/b/c', '../d?e=f'));
  try {
    new URL('not a url');
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
  cb(null, { scope, 'https://example.com/host': u.hostname });
};
