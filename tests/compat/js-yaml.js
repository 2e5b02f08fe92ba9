'use strict';
const yaml = require('js-yaml');

const doc = yaml.load(`
name: rnode
version: 1.0
tags: [fast, v8]
nested:
  list:
    - a: 1
    - b: two
  multi: |
    line one
    line two
anchors:
  base: &base { x: 1, y: 2 }
  derived:
    <<: *base
    y: 3
when: 2001-12-14t21:59:43.10-05:00
empty: ~
`);
console.log(JSON.stringify(doc));
console.log(yaml.dump({ a: 1, b: ['x', 'y'], c: { d: 'multi\nline', e: null, f: true }, g: 'needs: quoting' }));
console.log(JSON.stringify(yaml.loadAll('---\na: 1\n---\nb: 2\n')));
try {
  yaml.load('a: [1, 2');
} catch (e) {
  console.log(e.name, e.reason);
}
console.log(yaml.dump({ z: 1, a: 2, m: [3] }, { sortKeys: true, flowLevel: 1 }));
