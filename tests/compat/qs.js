'use strict';
const qs = require('qs');

console.log(JSON.stringify(qs.parse('a=c')));
console.log(JSON.stringify(qs.parse('foo[bar][baz]=foobarbaz&list[]=1&list[]=2&x=%20y')));
console.log(JSON.stringify(qs.parse('a[1]=b&a[3]=c')), JSON.stringify(qs.parse('a.b=c', { allowDots: true })));
console.log(JSON.stringify(qs.parse('?a=1&b=2', { ignoreQueryPrefix: true })), JSON.stringify(qs.parse('a=1;b=2', { delimiter: ';' })));
console.log(qs.stringify({ a: { b: { c: 'd', e: 'f' } } }));
console.log(qs.stringify({ a: { b: { c: 'd' } } }, { encode: false }));
console.log(qs.stringify({ a: ['b', 'c', 'd'] }, { arrayFormat: 'brackets' }), qs.stringify({ a: ['b', 'c'] }, { arrayFormat: 'comma' }));
console.log(qs.stringify({ a: 'ü ~ é', b: null, c: undefined, d: '' }));
console.log(qs.stringify({ date: new Date(0) }), qs.stringify({ a: 'b c' }, { format: 'RFC1738' }));
console.log(JSON.stringify(qs.parse(qs.stringify({ deep: { arr: [1, { x: 'y' }] } }))));
