// 1e6 path.join and path.resolve calls.
const path = require('path');
let len = 0;
for (let i = 0; i < 5e5; i++) {
  len += path.join('/usr', 'local', '..', 'lib', `file${i & 7}.js`).length;
  len += path.resolve('/srv/app', './src', `../lib/m${i & 7}`).length;
}
if (len === 0) throw new Error('empty');
