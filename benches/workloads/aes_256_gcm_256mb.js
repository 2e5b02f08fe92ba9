// AES-256-GCM encryption of 256 MiB in 1 MiB updates, then the tag.
const crypto = require('crypto');
const chunk = Buffer.alloc(1024 * 1024);
for (let i = 0; i < chunk.length; i += 4096) chunk[i] = i & 0xff;
const cipher = crypto.createCipheriv('aes-256-gcm', Buffer.alloc(32, 1), Buffer.alloc(12, 2));
let total = 0;
for (let i = 0; i < 256; i++) total += cipher.update(chunk).length;
cipher.final();
if (total !== 256 * 1024 * 1024 || cipher.getAuthTag().length !== 16) throw new Error('bad output');
