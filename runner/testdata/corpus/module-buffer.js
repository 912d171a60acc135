// trigger: send-phone-message
// require('buffer') and the Buffer global: encodings, slicing, comparison, inspection.
const { Buffer: B } = require('buffer');
module.exports = function (recipient, text, context, cb) {
  const b = Buffer.from(text);
  console.log(b.toString('base64'), b.toString('base64url'), b.toString('hex'), b.length, Buffer.byteLength(text));
  console.log(Buffer.from('aGVsbG8gd29ybGQ=', 'base64').toString(), Buffer.from('68656c6c6f', 'hex').toString('utf8'));
  console.log(Buffer.from('héllo', 'latin1'), Buffer.from('✓'), B === Buffer);
  console.log(b.slice(0, 4), b.subarray(-3).toString(), Buffer.concat([Buffer.from('a'), Buffer.from('b')]).toString());
  console.log(Buffer.compare(Buffer.from('a'), Buffer.from('b')), b.equals(Buffer.from(text)), b.indexOf('code'), b.includes('zzz'));
  console.log(JSON.stringify(Buffer.from('hi')), Buffer.isBuffer(b), Buffer.alloc(3, 'ab'), Buffer.from([1, 2, 3]).readUInt16BE(1));
  console.log({ payload: Buffer.from('nested') });
  cb(null, {});
};
