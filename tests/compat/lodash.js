'use strict';
const _ = require('lodash');
const fp = require('lodash/fp');
const chunk = require('lodash/chunk');

console.log(_.VERSION.split('.').length);
console.log(JSON.stringify(_.chunk([1, 2, 3, 4, 5], 2)), JSON.stringify(chunk(['a', 'b', 'c'], 2)));
const users = [
  { user: 'barney', age: 36, active: true },
  { user: 'fred', age: 40, active: false },
  { user: 'pebbles', age: 1, active: true },
];
console.log(JSON.stringify(_.sortBy(users, ['age']).map((u) => u.user)));
console.log(JSON.stringify(_.groupBy([6.1, 4.2, 6.3], Math.floor)));
console.log(JSON.stringify(_.filter(users, 'active').map((u) => u.user)));
console.log(JSON.stringify(_.merge({ a: [{ b: 2 }, { d: 4 }] }, { a: [{ c: 3 }, { e: 5 }] })));
const deep = { x: { y: [1, { z: new Date(0) }] } };
const copy = _.cloneDeep(deep);
console.log(copy !== deep, copy.x.y[1].z instanceof Date, _.isEqual(copy, deep));
console.log(_.get(deep, 'x.y[1].z').toISOString(), _.get(deep, 'x.nope', 'default'));
console.log(JSON.stringify(_.set({}, 'a[0].b.c', 4)));
console.log(_.camelCase('Foo Bar'), _.kebabCase('fooBar'), _.snakeCase('Foo Bar'), _.startCase('--foo-bar--'));
console.log(_.template('hello <%= user %>! <%- html %>')({ user: 'fred', html: '<b>' }));
console.log(JSON.stringify(_.zip(['a', 'b'], [1, 2], [true, false])));
console.log(_.debounce !== undefined, typeof _.throttle);
console.log(JSON.stringify(fp.map((n) => n * 2)([1, 2, 3])), fp.flow(fp.add(1), fp.multiply(3))(2));
console.log(_.range(0, 20, 5).join(','), _.sum([4, 2, 8, 6]), _.mean([4, 2, 8, 6]));
console.log(JSON.stringify(_.uniqBy([2.1, 1.2, 2.3], Math.floor)), JSON.stringify(_.difference([2, 1], [2, 3])));
console.log(_.padStart('7', 3, '0'), _.truncate('hi-diddly-ho there, neighborino', { length: 24 }));
const memo = _.memoize((n) => n * n);
memo(4);
console.log(memo.cache.has(4), memo(4));
const d = _.debounce(() => console.log('debounced once'), 10);
d(); d(); d();
