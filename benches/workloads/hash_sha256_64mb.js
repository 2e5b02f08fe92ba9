// SHA-256 of 64 MiB fed to one Hash in 1 MiB updates.
const crypto = require('crypto');
const chunk = Buffer.alloc(1024 * 1024);
for (let i = 0; i < chunk.length; i += 4096) chunk[i] = i & 0xff;
const hash = crypto.createHash('sha256');
for (let i = 0; i < 64; i++) hash.update(chunk);
const hex = hash.digest('hex');
if (hex.length !== 64) throw new Error('bad digest length');
