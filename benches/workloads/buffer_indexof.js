// Buffer.indexOf of short and long needles in a 16 MiB haystack.
const hay = Buffer.alloc(16 * 1024 * 1024, 'abcdefghij');
hay.write('needle-in-the-haystack', hay.length - 100);
let found = 0;
for (let i = 0; i < 20; i++) {
  if (hay.indexOf('needle-in-the-haystack') > 0) found++;
  if (hay.indexOf(0x7a) === -1) found++;
  if (hay.lastIndexOf('abc') > 0) found++;
}
if (found !== 60) throw new Error('found ' + found);
