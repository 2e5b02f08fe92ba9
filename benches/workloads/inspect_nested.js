// util.inspect of a large nested object, many times.
const util = require('util');
const make = (depth) => (depth === 0 ? { n: 1, s: 'str', a: [1, 2, 3] } :
  { left: make(depth - 1), right: make(depth - 1), list: [depth, 'x', null, true], map: new Map([[depth, 'v']]) });
const obj = make(8);
let total = 0;
for (let i = 0; i < 20; i++) total += util.inspect(obj, { depth: Infinity }).length;
if (total === 0) throw new Error('empty');
