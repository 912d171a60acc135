// Prints V8's JSON.parse error message for every case ("" when it parses).
'use strict';
const cases = require('./json-error-cases.js');
process.stdout.write(JSON.stringify(cases.map((src) => {
  try { JSON.parse(src); return { src, want: '' }; } catch (e) { return { src, want: e.message }; }
}), null, 1) + '\n');
