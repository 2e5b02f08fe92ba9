'use strict';
// tar: create a .tgz (gzip through minizlib on node:zlib) and extract it again.
const tar = require('tar');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rnode-tar-'));
const src = path.join(root, 'src');
fs.mkdirSync(path.join(src, 'sub'), { recursive: true });
fs.writeFileSync(path.join(src, 'a.txt'), 'alpha\n'.repeat(1000));
fs.writeFileSync(path.join(src, 'sub', 'b.txt'), 'beta\n');
const archive = path.join(root, 'out.tgz');

(async () => {
  await tar.c({ gzip: true, file: archive, cwd: src, portable: true }, ['a.txt', 'sub']);
  const head = fs.readFileSync(archive).subarray(0, 2).toString('hex');
  console.log('gzip magic', head);
  const listed = [];
  await tar.t({ file: archive, onReadEntry: (e) => listed.push(e.path) });
  console.log('entries', listed.sort().join(' '));
  const dest = path.join(root, 'dest');
  fs.mkdirSync(dest);
  await tar.x({ file: archive, cwd: dest });
  console.log('a.txt', fs.readFileSync(path.join(dest, 'a.txt'), 'utf8').length);
  console.log('sub/b.txt', JSON.stringify(fs.readFileSync(path.join(dest, 'sub', 'b.txt'), 'utf8')));
  const sync = path.join(root, 'sync.tgz');
  tar.c({ gzip: true, file: sync, cwd: src, sync: true, portable: true }, ['sub']);
  const syncEntries = [];
  tar.t({ file: sync, sync: true, onReadEntry: (e) => syncEntries.push(e.path) });
  console.log('sync entries', syncEntries.sort().join(' '));
  fs.rmSync(root, { recursive: true, force: true });
})();
