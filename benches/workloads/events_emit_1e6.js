// 1e6 EventEmitter emits with two listeners.
const EventEmitter = require('events');
const e = new EventEmitter();
let n = 0;
e.on('tick', (x) => { n += x; });
e.on('tick', () => { n++; });
for (let i = 0; i < 1e6; i++) e.emit('tick', 1);
if (n !== 2e6) throw new Error('n ' + n);
