// Failed calls for V8MessageAt: each script throws a TypeError; regenerate with
// node testdata/gen-call-errors.js > testdata/call-errors.json
module.exports = [
  'var user = {};\nuser.foo();',
  'var user = { a: {} };\n  user.a.bar(1);',
  'var f;\nf();',
  'var o = { x: 1 };\no.x();',
  'var a = [1];\na.map(5);',
  "var s = 'x';\ns.foo();",
  "var o = {};\no['k']();",
  'var o = { g() { return {}; } };\no.g().h();',
  'var user = {};\nuser.list.push(1);',
  'var u;\nu.foo();',
  'var ctx = { webtask: { secrets: {} } };\nctx.webtask.secrets.get("x");',
  'var user = { app_metadata: {} };\nif (user.app_metadata.roles.includes("admin")) {}',
  'var cb = null;\ncb(null, {});',
  'var o = {};\no.a . b();',
];
