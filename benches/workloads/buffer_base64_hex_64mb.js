// Buffer base64 and hex encode + decode of 64 MiB.
const size = 64 * 1024 * 1024;
const buf = Buffer.alloc(size);
for (let i = 0; i < size; i += 4096) buf[i] = i & 0xff;
const b64 = buf.toString('base64');
const back64 = Buffer.from(b64, 'base64');
const hex = buf.toString('hex');
const backHex = Buffer.from(hex, 'hex');
if (!back64.equals(buf) || !backHex.equals(buf)) throw new Error('round trip failed');
