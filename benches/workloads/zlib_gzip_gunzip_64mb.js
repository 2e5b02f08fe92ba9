// gzip (level 6) then gunzip of 64 MiB of text through the async API, so each
// chunk goes through the thread pool as in node.
// bench-runs: 5
const zlib = require('zlib');

const MiB = 1024 * 1024;
const words = ['lorem', 'ipsum', 'dolor', 'sit', 'amet', 'consectetur', 'adipiscing', 'elit',
  'sed', 'do', 'eiusmod', 'tempor', 'incididunt', 'ut', 'labore', 'et', 'dolore', 'magna'];
const parts = [];
let x = 12345;
for (let i = 0; i < 20000; i++) {
  x = (x * 1103515245 + 12345) % 2147483648;
  parts.push(words[x % words.length] + (x % 11 === 0 ? '.\n' : ' ') + (x % 97));
}
const block = Buffer.from(parts.join(' '));
const input = Buffer.alloc(64 * MiB);
for (let off = 0; off < input.length; off += block.length) block.copy(input, off);

zlib.gzip(input, { level: 6 }, (err, packed) => {
  if (err) throw err;
  zlib.gunzip(packed, (err2, back) => {
    if (err2) throw err2;
    if (!back.equals(input)) throw new Error('round trip mismatch');
  });
});
