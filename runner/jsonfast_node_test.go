package runner

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/dop251/goja"
)

// jsonfastNodeScript exercises JSON.parse and JSON.stringify on the fast paths and on every
// way out of them; each check prints one line. The same script runs under Node and under goja
// with the native JSON installed, and the lines must be the same.
const jsonfastNodeScript = `
var out = [];
function t(name, f) {
  var r;
  try { r = String(f()); } catch (e) { r = 'threw ' + e.name; }
  out.push(name + ': ' + r);
}
var docs = [
  '{}', '[]', '0', '-0', '1.5', '-12e3', '"x"', 'true', 'false', 'null', ' [ 1 , 2 ] \n',
  '{"a":1,"b":[1,2,{"c":null}],"d":"\u00e9\\u00e9\\n\\"q\\"","e":{"f":{"g":[]}}}',
  '{"b":1,"2":2,"a":3,"1":4,"4294967295":5,"4294967294":6,"-1":7,"01":8,"1.5":9}',
  '{"dup":1,"x":0,"dup":2}',
  '{"__proto__":{"x":1},"y":2}',
  '{"k0":0,"k1":1,"k2":2,"k3":3,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9":9,"k10":10,"k11":11}',
  '{"a\\"b":1,"\\n":2,"\\u0000":3,"":4,"\u00e9":5}',
  '[0,-0,1E2,1e+2,-1.5e-3,0.1,1e21,1e-7,1.5e-7,123.456,5e-324,1.7976931348623157e308,9007199254740993]',
  '[123456789012345678901234567890,1e400,-1e400,123e-20,0.000001,1e-6,2e-7,100000000000000000000]',
  '"\\u0000\\u001f\\u007f \\ud83d\\ude00 \\u2028\\u2029 \u00e9 \\"\\\\\\/\\b\\f\\n\\r\\t"',
  '"\\ud800"', '"x\\udc00y"', '"\\ud83d\\u0041"',
  '{"k":"\\udc00","a":["\\ud800x","\ufffd"],"\ufffd":1}',
  '[[[[[[[[[[1]]]]]]]]]]', '[{},[],{"a":[]},[{}]]', '{"a":{"b":{"c":{"d":{}}}}}'
];
docs.forEach(function (d, i) {
  t('roundtrip ' + i, function () { return JSON.stringify(JSON.parse(d)); });
  t('keys ' + i, function () { var v = JSON.parse(d); return v && typeof v === 'object' ? Object.keys(v).join('|') : typeof v; });
});
t('bad docs', function () {
  return ['{', '[1,]', '01', '"\\x"', '{"a" 1}', 'tru', '1 2', '', ' ', '[1', '{"a":1,}', '"a', '\u00a0 1', '1.', '.5', '-', '+1', 'NaN', '"\\u12"', '"\t"']
    .map(function (d) { try { JSON.parse(d); return 'ok'; } catch (e) { return e.name; } }).join(',');
});
t('parsed object', function () {
  var o = JSON.parse('{"a":1,"n":{"b":[2]}}');
  return [Object.getPrototypeOf(o) === Object.prototype, Object.getPrototypeOf(o.n) === Object.prototype,
    Array.isArray(o.n.b), Object.getPrototypeOf(o.n.b) === Array.prototype, Object.isExtensible(o),
    JSON.stringify(Object.getOwnPropertyDescriptor(o, 'a')), o instanceof Object, Object.prototype.toString.call(o),
    typeof o.hasOwnProperty, o.constructor === Object].join();
});
t('parsed empty object', function () { var o = JSON.parse('{}'); return [Object.getPrototypeOf(o) === Object.prototype, Object.isExtensible(o)].join(); });
t('__proto__ key', function () {
  var o = JSON.parse('{"__proto__":{"x":1},"y":2}');
  return [Object.getPrototypeOf(o) === Object.prototype, o.hasOwnProperty('__proto__'), o.x, o.__proto__ === Object.prototype,
    JSON.stringify(Object.getOwnPropertyDescriptor(o, '__proto__')), Object.keys(o).join('|')].join();
});
t('parsed object is writable', function () { var o = JSON.parse('{"a":1}'); o.a = 2; o.b = 3; delete o.a; return JSON.stringify(o); });
t('deep parse', function () { var s = new Array(1500).join('[') + new Array(1500).join(']'); var v = JSON.parse(s); var n = 0; while (Array.isArray(v)) { v = v[0]; n++; } return n; });
t('deeper parse', function () { var s = new Array(2500).join('{"a":') + '1' + new Array(2500).join('}'); var v = JSON.parse(s); var n = 0; while (typeof v === 'object') { v = v.a; n++; } return n; });
t('numbers', function () {
  return JSON.stringify([0, -0, 0.1, 0.2 + 0.1, 1e21, 1e-7, 1.5e-7, 123.456, 5e-324, 1.7976931348623157e308, NaN, Infinity, -Infinity,
    Math.pow(2, 53), Math.pow(2, 53) + 2, 1e20, 123e-20, 0.000001, -1.5, 1 / 3, -1e-7, 4294967295, 4294967296, -2147483648]);
});
t('negative zero', function () { return 1 / JSON.parse('-0') + ',' + 1 / JSON.parse('[-0]')[0] + ',' + JSON.stringify(-0); });
t('strings', function () { return JSON.stringify(['\u0000\u0001\u001f\u007f', '\u2028\u2029', '<>&', '\ud83d\ude00', 'caf\u00e9', '"\\\\"', '\b\f\n\r\t']); });
t('lone surrogates', function () { return JSON.stringify(['\ud800', 'a\udc00b', '\udc00\ud800', '\ud83d']); });
t('object key order', function () { return JSON.stringify({ b: 1, 2: 2, a: 3, 1: 4, '-1': 5, '01': 6 }); });
t('skipped in objects', function () { return JSON.stringify({ u: undefined, f: function () {}, s: Symbol('x'), k: 1, v: undefined }); });
t('first skipped', function () { return JSON.stringify({ a: undefined, b: 1 }); });
t('all skipped', function () { return JSON.stringify({ a: undefined, b: function () {} }); });
t('null in arrays', function () { return JSON.stringify([undefined, function () {}, Symbol('x'), null, 1]); });
t('holes', function () { var a = [1, , 3]; a[6] = 7; return JSON.stringify(a); });
t('sparse', function () { var a = []; a[4] = 'x'; return JSON.stringify(a) + a.length; });
t('array extras', function () { var a = [1]; a.x = 2; return JSON.stringify(a); });
t('top level', function () { return [typeof JSON.stringify(undefined), typeof JSON.stringify(function () {}), typeof JSON.stringify(Symbol('s')), JSON.stringify(null), JSON.stringify('s'), JSON.stringify(1.5)].join(); });
t('symbol keys', function () { var o = { a: 1 }; o[Symbol('s')] = 2; return JSON.stringify(o); });
t('non-enumerable', function () { var o = { a: 1 }; Object.defineProperty(o, 'h', { value: 2, enumerable: false }); Object.defineProperty(o, 'a', { enumerable: false }); return JSON.stringify(o); });
t('getter', function () { return JSON.stringify({ get a() { return 1; }, b: 2 }); });
t('throwing getter', function () { var n = 0; try { JSON.stringify({ get a() { n++; throw new RangeError('x'); } }); } catch (e) { return e.name; } });
t('toJSON', function () { return JSON.stringify({ d: new Date(0), x: { toJSON: function (k) { return 'k=' + k; } }, a: [{ toJSON: function () { return undefined; } }] }); });
t('inherited toJSON', function () { function C() { this.v = 1; } C.prototype.toJSON = function () { return 'C'; }; return JSON.stringify([new C(), { c: new C() }]); });
t('Object.prototype.toJSON', function () { Object.prototype.toJSON = function () { return 'P'; }; try { return JSON.stringify({ a: [1] }); } finally { delete Object.prototype.toJSON; } });
t('after toJSON removed', function () { return JSON.stringify({ a: [1] }); });
t('class instance', function () { class P { constructor() { this.x = 1; } } return JSON.stringify({ p: new P() }); });
t('null prototype', function () { var o = Object.create(null); o.b = 1; o.a = [2]; return JSON.stringify(o); });
t('inherited properties', function () { var o = Object.create({ inh: 1 }); o.own = 2; return JSON.stringify(o); });
t('boxed', function () { return JSON.stringify([new Number(1), new String('s'), new Boolean(false), Object(1n) instanceof Object]); });
t('bigint', function () { return JSON.stringify({ n: 1n }); });
t('special objects', function () { return JSON.stringify([new Map([[1, 2]]), new Set([1]), /re/g, new Error('e'), Math, JSON]); });
t('cycle', function () { var c = { a: [] }; c.a.push(c); return JSON.stringify(c); });
t('shared not cycle', function () { var s = { v: 1 }; return JSON.stringify({ a: s, b: [s, s] }); });
t('deep stringify', function () { var v = 1; for (var i = 0; i < 1500; i++) v = [v]; return JSON.stringify(v).length; });
t('replacer', function () { return JSON.stringify({ a: 1, b: [2, 3], c: 'x' }, function (k, v) { return typeof v === 'number' ? v * 10 : v; }); });
t('replacer list', function () { return JSON.stringify({ a: 1, b: 2, 1: 3 }, ['b', 1]); });
t('indent', function () { return JSON.stringify({ a: [1, { b: 2 }], c: {} }, null, 2) + JSON.stringify([1], null, '--') + JSON.stringify({ a: 1 }, undefined, undefined); });
t('reviver', function () { return JSON.stringify(JSON.parse('{"a":1,"b":{"c":2},"d":[3]}', function (k, v) { return k === 'c' ? undefined : typeof v === 'number' ? v + 1 : v; })); });
t('parse non-string', function () { return [JSON.parse(1), JSON.parse(true), JSON.parse(null), JSON.parse({ toString: function () { return '[7]'; } })[0]].join(); });
t('sizes', function () {
  var big = { list: [] }; for (var i = 0; i < 200; i++) big.list.push({ i: i, s: 'item ' + i });
  var a = JSON.stringify(big), b = JSON.stringify({ small: 1 }), c = JSON.stringify(big), d = JSON.stringify([]);
  return [a === c, a.length, b, d, JSON.stringify(JSON.parse(a)) === a].join();
});
t('own toJSON on an array', function () { var a = [1]; a.toJSON = function (k) { return 'A' + k; }; return JSON.stringify({ a: a, b: [a] }); });
t('getter then Date', function () { var n = 0; var s = JSON.stringify({ get a() { n++; return 1; }, d: new Date(0) }); return s + n; });
t('getter then own toJSON', function () { var n = 0; var s = JSON.stringify({ get a() { n++; return 1; }, toJSON: function () { return 'x'; } }); return s + n; });
t('getter then throwing toJSON', function () { var n = 0; try { JSON.stringify([{ get a() { n++; return 1; } }, { toJSON: function () { throw new SyntaxError('t'); } }]); } catch (e) { return e.name + n; } });
t('getter then cycle', function () { var n = 0; var c = { get a() { n++; return 1; } }; c.self = c; try { JSON.stringify(c); } catch (e) { return e.name + n; } });
t('getter then BigInt', function () { var n = 0; try { JSON.stringify({ get a() { n++; return 1; }, b: 2n }); } catch (e) { return e.name + n; } });
t('getter then class with toJSON', function () { var n = 0; class T { toJSON(k) { return 'T' + k; } } var s = JSON.stringify({ get a() { n++; return 1; }, t: new T(), u: [new T()] }); return s + n; });
t('getter then boxed', function () { var n = 0; var s = JSON.stringify({ get a() { n++; return 1; }, b: [new Number(2), new String('s'), new Boolean(false)] }); return s + n; });
t('toJSON result not re-converted', function () { return JSON.stringify({ a: { toJSON: function () { return { toJSON: function () { return 'inner'; }, v: 1 }; } } }); });
t('toJSON gets the key', function () { var ks = []; var o = { toJSON: function (k) { ks.push(typeof k + ':' + k); return 1; } }; JSON.stringify({ x: o, y: [o, o] }); JSON.stringify(o); return ks.join(); });
t('Date subclass and date key', function () { return JSON.stringify({ d: new Date(86400000), e: [new Date(NaN)] }); });
t('BigInt toJSON', function () { BigInt.prototype.toJSON = function (k) { return 'big' + k + this; }; try { return JSON.stringify({ n: 5n, m: [6n] }); } finally { delete BigInt.prototype.toJSON; } });
t('lone surrogate key', function () { var o = { a: 1 }; o['\ud800x'] = [2]; o['\ufffd'] = 3; return JSON.stringify({ o: o }); });
t('proxies', function () {
  var r = Proxy.revocable({}, {}); r.revoke();
  var out = [JSON.stringify([new Proxy([1, 2], {}), new Proxy({ a: 1 }, { get: function (t, k) { return k === 'a' ? 'trapped' : t[k]; } })])];
  try { JSON.stringify({ r: r.proxy }); } catch (e) { out.push(e.name); }
  return out.join();
});
t('function with toJSON', function () { var f = function () {}; f.toJSON = function (k) { return 'F' + k; }; return JSON.stringify({ f: f, a: [f] }); });
t('boxed overrides', function () { var n = new Number(1); n.valueOf = function () { return 7; }; var s = new String('s'); s.toString = function () { return 'S'; }; return JSON.stringify([n, s]); });
t('BigInt object', function () { return JSON.stringify([Object(1n)]); });
t('thrown identity', function () { var err = new Error('mine'); try { JSON.stringify({ a: { get b() { throw err; } } }); } catch (e) { return e === err; } });
t('getters in a delegated object', function () { var n = 0; var m = new Map(); m.x = 1; Object.defineProperty(m, 'g', { enumerable: true, get: function () { n++; return 2; } }); var s = JSON.stringify({ m: m, deep: [m] }); return s + n; });
t('deep with toJSON and getters', function () { var n = 0; var v = { get g() { n++; return { toJSON: function (k) { return 'tj' + k; } }; } }; for (var i = 0; i < 1200; i++) v = [v]; var s = JSON.stringify(v); return s.length + ',' + s.slice(1195, 1215) + n; });
t('deep cycle', function () { var a = []; var v = a; for (var i = 0; i < 1100; i++) v = [v]; a.push(v); try { JSON.stringify(v); } catch (e) { return e.name; } });
t('indent numbers', function () { var v = { a: [1, { b: 2, c: [] }], d: {}, e: [[]], f: 'x' }; return [0, 1, 2, 10, 11, 100, -1, 2.9, NaN, Infinity, new Number(3)].map(function (n) { return JSON.stringify(v, null, n); }).join('|'); });
t('indent strings', function () { var v = { a: [1, { b: 2 }], c: {} }; return ['', '\t', '--', 'abcdefghijklmnop', '\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9x', new String('>>')].map(function (g) { return JSON.stringify(v, null, g); }).join('|'); });
t('indent others', function () { return [JSON.stringify([1], null, true), JSON.stringify([1], null, {}), JSON.stringify([1], null, null), JSON.stringify(5, null, 2), JSON.stringify([undefined, function () {}], null, 1), JSON.stringify({ u: undefined, a: 1 }, null, 1), JSON.stringify({ u: undefined }, null, 1)].join('|'); });
t('replacer calls', function () {
  var log = [];
  var r = JSON.stringify({ a: 1, b: [2, { c: 3 }], d: { toJSON: function (k) { return 'tj' + k; } } }, function (k, v) {
    log.push(typeof k + ':' + k + '=' + (typeof v === 'object' ? JSON.stringify(v) : String(v)) + '@' + (this && typeof this === 'object' ? Object.keys(this).join('/') : typeof this));
    return v;
  });
  return r + ' ' + log.join(';');
});
t('replacer changes values', function () { return JSON.stringify({ a: 1, b: 'x', c: [1, 2], d: { e: 5 } }, function (k, v) { if (k === 'a') return undefined; if (k === 'b') return { z: [k] }; if (typeof v === 'number') return v * 2; if (k === 'e') return function () {}; return v; }); });
t('replacer top level', function () { return [JSON.stringify(1, function (k, v) { return [k, v, this[''] === v]; }), JSON.stringify({ a: 1 }, function (k, v) { return k === '' ? undefined : v; }), JSON.stringify(1, function () { return new Number(7); }), JSON.stringify(1, function () { return 5n === 0 ? 1 : Symbol('s'); })].join('|'); });
t('replacer and toJSON order', function () { var log = []; var o = { x: { toJSON: function (k) { log.push('toJSON ' + k); return { y: 1 }; } } }; JSON.stringify(o, function (k, v) { log.push('r ' + k + ' ' + JSON.stringify(v)); return v; }); return log.join(';'); });
t('replacer returns toJSON object', function () { return JSON.stringify({ a: 1 }, function (k, v) { return k === 'a' ? { toJSON: function () { return 'no' }, q: 1 } : v; }); });
t('replacer with getters', function () { var n = 0; var o = { get g() { n++; return 1; }, t: { toJSON: function (k) { n += 10; return 'T' + k; } } }; var s = JSON.stringify(o, function (k, v) { return v; }, 1); return s + n; });
t('replacer with bigint toJSON', function () { BigInt.prototype.toJSON = function (k) { return 'B' + k; }; try { return JSON.stringify({ n: 2n }, function (k, v) { return v; }); } finally { delete BigInt.prototype.toJSON; } });
t('replacer bigint throws', function () { try { JSON.stringify({ n: 2n }, function (k, v) { return v; }); } catch (e) { return e.name + ': ' + e.message; } });
t('replacer throws', function () { try { JSON.stringify({ a: 1 }, function (k, v) { if (k === 'a') throw new EvalError('r'); return v; }); } catch (e) { return e.name; } });
t('allow list', function () { return [JSON.stringify({ a: 1, b: 2, 1: 3, c: { a: 4, z: 5 }, d: [{ a: 6, b: 7 }] }, ['b', 1, 'a', 'c', 'd', 'b', 'nope']), JSON.stringify({ 1: 'x', 1.5: 'y', a: 1 }, [1.5, new Number(1), new String('a'), {}, true, null]), JSON.stringify({ a: 1 }, []), JSON.stringify([{ a: 1, b: 2 }], ['b'], 2)].join('|'); });
t('allow list getters', function () { var n = 0; var o = { get g() { n++; return 1; }, t: { toJSON: function (k) { n += 10; return 'T' + k; } } }; return JSON.stringify(o, ['g', 't']) + n; });
t('allow list proxy', function () { var p = new Proxy(['b'], {}); return JSON.stringify({ a: 1, b: 2 }, p); });
t('non-callable replacer', function () { return [JSON.stringify({ a: 1 }, {}), JSON.stringify({ a: 1 }, 'a'), JSON.stringify({ a: 1 }, 5), JSON.stringify({ a: 1 }, null)].join('|'); });
t('exotic objects with options', function () { var m = new Map([[1, 2]]); m.x = { y: 1 }; var e = new Error('m'); e.code = 5; return [JSON.stringify({ m: m, e: e, r: /x/ }, null, 1), JSON.stringify({ m: m }, function (k, v) { return typeof v === 'number' ? v + 1 : v; }), JSON.stringify([new Uint8Array([1, 2])], null, 1), JSON.stringify({ d: new Date(0), s: new Set([1]) }, ['d', 's', 'x'])].join('|'); });
t('proxies with options', function () {
  var log = [];
  var p = new Proxy({ a: 1, b: [1, 2] }, { get: function (t, k) { log.push('get ' + String(k)); return t[k]; }, ownKeys: function (t) { log.push('ownKeys'); return Reflect.ownKeys(t); } });
  var ap = new Proxy([1, { c: 2 }], {});
  return [JSON.stringify(p), JSON.stringify(p, null, 2), JSON.stringify(ap, null, 1), JSON.stringify({ p: p }, function (k, v) { return v; }), log.join(',')].join('|');
});
t('deep with options', function () {
  function deep(n, arr) { var o = 1; for (var i = 0; i < n; i++) o = arr ? [o] : { a: o }; return o; }
  var variants = [function (o) { return JSON.stringify(o); }, function (o) { return JSON.stringify(o, function (k, v) { return v; }); }, function (o) { return JSON.stringify(o, null, 1); },
    function (o) { return JSON.stringify({ toJSON: function () { return o; } }); }, function (o) { return JSON.stringify(new Proxy(o, {})); }, function (o) { return JSON.stringify(o, ['a']); }];
  var res = [];
  [3000, 5000, 100000].forEach(function (n) { [false, true].forEach(function (arr) { var o = deep(n, arr); variants.forEach(function (f) { try { res.push(f(o).length); } catch (e) { res.push(e.name + ': ' + e.message); } }); }); });
  return res.join(',');
});
t('cycle messages', function () {
  var res = [];
  function m(f) { try { f(); res.push('no error'); } catch (e) { res.push(e.name + ': ' + e.message); } }
  var c = { a: {} }; c.a.self = c; m(function () { JSON.stringify(c); }); m(function () { JSON.stringify(c, null, 2); }); m(function () { JSON.stringify(c, function (k, v) { return v; }); }); m(function () { JSON.stringify(c, ['a', 'self']); });
  var arr = [1]; arr.push(arr); m(function () { JSON.stringify(arr); });
  class K { constructor() { this.me = this; } } m(function () { JSON.stringify({ k: new K() }); });
  function F() {} var f = new F(); f.x = { y: f }; m(function () { JSON.stringify(f); });
  var anon = new (class {})(); anon.q = anon; m(function () { JSON.stringify(anon); });
  var w = {}; w['a b"c'] = w; w[1] = 0; m(function () { JSON.stringify(w); });
  var tag = {}; tag[Symbol.toStringTag] = 'X'; tag.z = tag; m(function () { JSON.stringify(tag); });
  var nul = Object.create(null); nul.s = nul; m(function () { JSON.stringify(nul); });
  var bar = Object.create({ constructor: function Bar() {} }); bar.s = bar; m(function () { JSON.stringify(bar); });
  var own = {}; own.constructor = function Foo() {}; own.z = own; m(function () { JSON.stringify(own); });
  var map = new Map(); map.s = map; m(function () { JSON.stringify(map); });
  class A extends Array {} var aa = new A(); aa.push(aa); m(function () { JSON.stringify(aa); });
  var px = {}; var P = new Proxy(px, {}); px.s = P; m(function () { JSON.stringify(P); });
  var d = { x: {} }; d.x.toJSON = function () { return d; }; m(function () { JSON.stringify(d); });
  var sp = { x: [] }; sp.x[5] = sp; m(function () { JSON.stringify(sp); });
  for (var n = 1; n <= 12; n++) { var r = {}, x = r; for (var i = 0; i < n; i++) { x['k' + i] = [{}]; x = x['k' + i][0]; } x.back = r; m(function () { JSON.stringify({ top: [r] }); }); }
  return res.join('\n');
});
t('odd options', function () {
  var r = Proxy.revocable([], {}); r.revoke();
  var res = [];
  try { JSON.stringify({ a: 1 }, r.proxy); res.push('no error'); } catch (e) { res.push(e.name); }
  var n = new Number(3); n.valueOf = function () { return 1; }; var s = new String('ab'); s.toString = function () { return '#'; };
  res.push(JSON.stringify([1], null, n), JSON.stringify([1], null, s), JSON.stringify({ a: 1, b: 2 }, new Proxy(function (k, v) { return k === 'a' ? 9 : v; }, {})));
  res.push(JSON.stringify({ a: [1] }, ['a', 'a', 'a']));
  var o = {}; Object.defineProperty(Object.prototype, '', { set: function () { throw new Error('setter'); }, configurable: true });
  try { res.push(JSON.stringify(1, function (k, v) { return v; })); } finally { delete Object.prototype['']; }
  return res.join('|');
});
t('deep reviver', function () {
  var res = [], id = function (k, v) { return v; };
  [1500, 5000].forEach(function (n) {
    ['['.repeat(n) + ']'.repeat(n), '{"a":'.repeat(n) + '1' + '}'.repeat(n), '['.repeat(n) + ']'.repeat(n - 1), '[' + '[], '.repeat(n) + '1]'].forEach(function (d) {
      var calls = 0;
      try { JSON.parse(d, function (k, v) { calls++; return v; }); res.push('ok ' + calls); } catch (e) { res.push(e.name + ' ' + calls); }
    });
  });
  return res.join(',');
});
t('names', function () { return [JSON.parse.name, JSON.stringify.name, JSON.parse.length, JSON.stringify.length].join(); });
out.join('\n');
`

// The native JSON paths against Node: parse and stringify results, property order and
// descriptors, and the fallbacks, line by line.
func TestFastJSONMatchesNode(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("the Node comparison needs Node.js 20 on PATH (.ci/run installs it): %v", err)
	}
	cmd := exec.Command(node, "-e", "process.stdout.write(require('vm').runInNewContext("+quoteJS(jsonfastNodeScript)+"))")
	want, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	rt := goja.New()
	installFastJSON(rt)
	got, err := rt.RunString(jsonfastNodeScript)
	if err != nil {
		t.Fatalf("goja: %v", err)
	}
	wantLines := strings.Split(string(want), "\n")
	gotLines := strings.Split(got.String(), "\n")
	if len(gotLines) != len(wantLines) {
		t.Fatalf("goja printed %d lines, node %d", len(gotLines), len(wantLines))
	}
	for i := range wantLines {
		if gotLines[i] != wantLines[i] {
			t.Errorf("goja %s\n     node %s", gotLines[i], wantLines[i])
		}
	}
}
