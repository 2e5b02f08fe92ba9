// Write and read back 1000 small files, synchronously and then with callbacks.
const fs = require('fs');
const os = require('os');
const path = require('path');
const N = 1000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rnode-bench-fs-'));
const content = (i) => `file number ${i}\n`.repeat(8);

for (let i = 0; i < N; i++) fs.writeFileSync(path.join(dir, `s${i}.txt`), content(i));
for (let i = 0; i < N; i++) {
  if (fs.readFileSync(path.join(dir, `s${i}.txt`), 'utf8') !== content(i)) throw new Error('sync mismatch');
}

let pending = N;
for (let i = 0; i < N; i++) {
  const file = path.join(dir, `a${i}.txt`);
  fs.writeFile(file, content(i), (err) => {
    if (err) throw err;
    fs.readFile(file, 'utf8', (err, text) => {
      if (err) throw err;
      if (text !== content(i)) throw new Error('async mismatch');
      if (--pending === 0) fs.rmSync(dir, { recursive: true, force: true });
    });
  });
}
