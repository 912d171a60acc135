// Prints the expected util.inspect / util.format output of every case in inspect-cases.js,
// as Node.js computes it. Usage: node testdata/gen-inspect.js > testdata/inspect.json
'use strict';
const util = require('util');
const cases = require('./inspect-cases.js').concat(require('./module-cases.js'));
// The webtask runtime stripped pinned versions: require('crypto@1.0.0').
globalThis.require = (id) => require(id.replace(/^(@?[^@]+)@.*$/, '$1'));
const out = cases.map(([kind, name, src]) => {
  const v = (0, eval)(src);
  const want = kind === 'format' ? util.format(...v) : util.inspect(v);
  if (kind !== 'format' && kind !== 'inspect' && v === undefined) throw new Error(name + ': case returned undefined');
  return { kind, name, src, want };
});
process.stdout.write(JSON.stringify({ node: process.version, cases: out }, null, 1) + '\n');
