// 16 async crypto.pbkdf2 calls on the thread pool: scales with UV_THREADPOOL_SIZE.
// bench-env: UV_THREADPOOL_SIZE=1 | UV_THREADPOOL_SIZE=2
const crypto = require('crypto');
const JOBS = 16;
let done = 0;
for (let i = 0; i < JOBS; i++) {
  crypto.pbkdf2('password' + i, 'salt', 100000, 64, 'sha512', (err, key) => {
    if (err) throw err;
    if (key.length !== 64) throw new Error('bad key');
    done++;
  });
}
process.on('exit', () => {
  if (done !== JOBS) throw new Error('done ' + done);
});
