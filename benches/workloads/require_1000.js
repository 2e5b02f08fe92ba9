// require() of 1000 small generated CommonJS modules (module loader throughput).
// The modules are written to a temp dir first; only loading them is timed by the
// process as a whole, so generation is kept cheap.
const fs = require('fs');
const path = require('path');
const dir = fs.mkdtempSync(path.join(process.env.TMPDIR || '/tmp', 'rnode-bench-require-'));
const N = 1000;
for (let i = 0; i < N; i++) {
  // Every tenth module also requires the next one, so some loads come from the cache.
  const next = i % 10 === 0 && i + 1 < N ? `require('./m${i + 1}.js');\n` : '';
  fs.writeFileSync(path.join(dir, `m${i}.js`), `${next}exports.value = ${i};\n`);
}
let sum = 0;
for (let i = 0; i < N; i++) sum += require(path.join(dir, `m${i}.js`)).value === i ? 1 : 0;
fs.rmSync(dir, { recursive: true, force: true });
if (sum !== N) throw new Error('loaded ' + sum);
