// trigger: credentials-exchange
// JSON.parse and JSON.stringify with revivers, replacers, indentation and toJSON.
module.exports = function (client, scope, audience, context, cb) {
  const text = '{"name":"Zoë","n":1.50,"list":[1,"two",null,true],"nested":{"a":{"b":[]}},"esc":"line\\nbreak \\u2713"}';
  const parsed = JSON.parse(text);
  console.log(parsed);
  console.log(JSON.stringify(parsed));
  console.log(JSON.stringify(parsed, null, 2));
  console.log(JSON.stringify(parsed, ['name', 'n']));
  console.log(JSON.stringify({ d: new Date(0), u: undefined, f() {}, s: Symbol('x'), n: NaN, i: -Infinity, z: -0 }));
  console.log(JSON.stringify({ toJSON() { return { custom: true }; } }), JSON.stringify('\u2028 \u00e9 \u{1F600}'));
  const revived = JSON.parse('{"a":1,"b":{"c":2}}', (k, v) => (typeof v === 'number' ? v * 10 : v));
  console.log(revived, JSON.stringify([undefined, function () {}]), JSON.stringify(undefined));
  console.log(JSON.stringify({ a: [{ b: 1 }] }, (k, v) => (k === 'b' ? 'B' : v), '\t'));
  cb(null, { scope, 'https://example.com/parsed': parsed });
};
