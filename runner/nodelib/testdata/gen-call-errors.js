// V8's message for each failed call in call-error-cases.js.
'use strict';
const vm = require('vm');
const cases = require('./call-error-cases.js');
process.stdout.write(JSON.stringify(cases.map((src) => {
  try { vm.runInNewContext(src); return { src, want: '' }; } catch (e) { return { src, want: e.message }; }
}), null, 1) + '\n');
