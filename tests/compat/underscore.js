'use strict';
const _ = require('underscore');

console.log(typeof _.VERSION);
console.log(JSON.stringify(_.map([1, 2, 3], (n) => n * 3)));
console.log(_.reduce([1, 2, 3], (memo, n) => memo + n, 0));
console.log(JSON.stringify(_.pluck([{ name: 'moe', age: 40 }, { name: 'larry', age: 50 }], 'name')));
console.log(JSON.stringify(_.groupBy(['one', 'two', 'three'], 'length')));
console.log(JSON.stringify(_.countBy([1, 2, 3, 4, 5], (n) => (n % 2 === 0 ? 'even' : 'odd'))));
console.log(JSON.stringify(_.flatten([1, [2], [3, [[4]]]])), JSON.stringify(_.flatten([1, [2], [3, [[4]]]], true)));
console.log(JSON.stringify(_.intersection([1, 2, 3], [101, 2, 1, 10], [2, 1])));
console.log(_.template('<% _.each(people, function(name) { %><li><%- name %></li><% }); %>')({ people: ['moe', '<curly>'] }));
console.log(_.escape('Curly, Larry & Moe'), _.unescape('&lt;b&gt;'));
console.log(JSON.stringify(_.invert({ Moe: 'Moses', Larry: 'Louis' })));
console.log(_.isMatch({ name: 'moe', age: 32 }, { age: 32 }), _.isEmpty({}), _.isArguments((function () { return arguments; })()));
console.log(_.chain([1, 2, 3, 200]).filter((n) => n % 2 === 0).map((n) => n * n).value().join(','));
const once = _.once(() => 'called');
console.log(once(), once());
_.defer(() => console.log('deferred'));
