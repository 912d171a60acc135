// Prints Node's output for every locale case. Usage (UTC, as Auth0 ran hooks):
//   TZ=UTC node testdata/gen-locale.js > testdata/locale.json
'use strict';
const cases = require('./locale-cases.js');
process.stdout.write(JSON.stringify(cases.map((src) => ({ src, want: String((0, eval)(src)) })), null, 1) + '\n');
