// RSA-2048 PKCS#1 v1.5 SHA-256 signatures: 200 of them with one key.
const crypto = require('crypto');
const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const data = Buffer.from('benchmark message');
const start = process.hrtime.bigint();
let sig;
for (let i = 0; i < 200; i++) sig = crypto.sign('sha256', data, privateKey);
const ms = Number(process.hrtime.bigint() - start) / 1e6;
if (!crypto.verify('sha256', data, publicKey, sig)) throw new Error('bad signature');
if (process.env.BENCH_VERBOSE) console.log(`${(200 / ms * 1000).toFixed(0)} signs/s`);
