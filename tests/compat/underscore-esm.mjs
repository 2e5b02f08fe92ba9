import _, { map, uniq, VERSION } from 'underscore';
import * as ns from 'underscore';

console.log(typeof VERSION, typeof ns.default, typeof ns.map);
console.log(JSON.stringify(map({ one: 1, two: 2 }, (v, k) => k + v)));
console.log(JSON.stringify(uniq([1, 2, 1, 4, 1, 3])));
console.log(JSON.stringify(_.sortBy([1, 2, 3, 4, 5, 6], (n) => Math.sin(n))));
console.log(JSON.stringify(_.range(10).filter((n) => _.contains([2, 4, 6], n))));
