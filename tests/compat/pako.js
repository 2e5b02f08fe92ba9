'use strict';
// pako (zlib in JavaScript) and node:zlib read each other's output.
const pako = require('pako');
const zlib = require('zlib');

const text = 'pako and zlib, back and forth. '.repeat(400);
const input = Buffer.from(text);

console.log('pako deflate -> inflateSync', zlib.inflateSync(Buffer.from(pako.deflate(input))).toString() === text);
console.log('pako gzip -> gunzipSync', zlib.gunzipSync(Buffer.from(pako.gzip(input))).toString() === text);
console.log('pako raw -> inflateRawSync', zlib.inflateRawSync(Buffer.from(pako.deflateRaw(input))).toString() === text);
console.log('deflateSync -> pako inflate', pako.inflate(zlib.deflateSync(input), { to: 'string' }) === text);
console.log('gzipSync -> pako ungzip', pako.ungzip(zlib.gzipSync(input), { to: 'string' }) === text);
console.log('deflateRawSync -> pako inflateRaw', pako.inflateRaw(zlib.deflateRawSync(input), { to: 'string' }) === text);
const dict = Buffer.from('pako and zlib');
console.log('dictionary', pako.inflate(zlib.deflateSync(input, { dictionary: dict }), { dictionary: dict, to: 'string' }) === text);
console.log('levels', [0, 1, 5, 9].map((level) => pako.inflate(zlib.deflateSync(input, { level }), { to: 'string' }) === text).join(','));
zlib.gzip(input, (err, out) => {
  console.log('async gzip -> pako', err, pako.ungzip(out, { to: 'string' }) === text);
});
