// Invalid (and a few valid) JSON texts for V8JSONParseError; regenerate the expectations
// with: node testdata/gen-json-errors.js > testdata/json-errors.json
module.exports = [
  '{"a": }', 'x', '{bad', '[1,2', '[1 2]', '{"a" 1}', '{"a":1 "b":2}', '"abc', '"a\u0001b"', '"\\q"', '1e', '-', '1.', '{} x', '', '  ',
  '[1,]', '{"a":1,}', 'tru', 'nul', '01', '{"a":-}', '"' + 'x'.repeat(50) + '" junk here', 'y'.repeat(30) + 'Z',
  '{"key": value_that_is_long_enough_to_trigger_context}', '["' + 'a'.repeat(40) + '", oops, "' + 'b'.repeat(40) + '"]',
  '12345678901234567890 x', '{', '[', '{"a"', '{"a":', '{"a":1', '{"a":1,', '[1,', 'trx', 'nulx', 'fals', 't', '"\\u12x4"', '"\\',
  '1e+', '1ex', '-x', '- 1', '.5', '+1', '[01]', '{"a":1}"x"', '["a" "b"]', '{1:2}', '{"a":1,2}', '[,1]', '[1,,2]', ':', '}', ']',
  'é', '  x', '{"a"  :  "b"  ,  }', '123abc', '["' + 'é'.repeat(15) + '", x]', 'NaN', 'Infinity', 'undefined', '[object Object]',
  '1 2', '"a""b"', '[1]]', '{"a":{"b":[1,{"c":}]}}', '{"user":{"email":"a@b.c","app_metadata":{"plan":"full"},}}',
  '{"a": 1}', '[1, "two", {"three": [true, false, null]}]', '-0.5e-3', '"\\ud83d\\ude00"', ' \n\t{"x":1}\r\n',
];
