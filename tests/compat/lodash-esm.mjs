import _ from 'lodash';
import isEqual from 'lodash/isEqual.js';
import * as ns from 'lodash';

console.log(typeof _, typeof ns.default, ns.default === _);
console.log(JSON.stringify(_.partition([1, 2, 3, 4], (n) => n % 2)));
console.log(isEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }));
console.log(_.chain([3, 1, 2]).sortBy().map((n) => n * 10).value().join(' '));
console.log(JSON.stringify(_.pick({ a: 1, b: '2', c: 3 }, ['a', 'c'])));
