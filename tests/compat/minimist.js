'use strict';
const parse = require('minimist');

const argv = ['-x', '3', '-y', '4', '-n5', '-abc', '--beep=boop', '--no-color', 'foo', 'bar', 'baz', '--', '--not-an-opt'];
console.log(JSON.stringify(parse(argv)));
console.log(JSON.stringify(parse(['--name', 'rnode', '-v', '--count', '07', 'file.js'], {
  string: ['count'],
  boolean: ['v'],
  alias: { v: 'verbose', n: 'name' },
  default: { port: 8080 },
})));
console.log(JSON.stringify(parse(['--a.b', '1', '--a.c=two', '-x', '-x', '-x'])));
console.log(JSON.stringify(parse(['--stop', 'here', '--after'], { stopEarly: true })));
console.log(JSON.stringify(parse(['--known', '--unknown'], { boolean: ['known'], unknown: (a) => a !== '--unknown' })));
