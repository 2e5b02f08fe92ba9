'use strict';
const { v1, v3, v4, v5, NIL, validate, version, parse, stringify } = require('uuid');

const re = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const a = v4();
console.log(a.length, re.test(a), version(a), validate(a), a !== v4());
const t = v1();
console.log(t.length, re.test(t), version(t));
console.log(v5('hello.example.com', v5.DNS), v5('https://www.w3.org/', v5.URL));
console.log(v3('hello.example.com', v3.DNS));
console.log(NIL, validate(NIL), validate('not-a-uuid'));
const bytes = parse('6ba7b810-9dad-11d1-80b4-00c04fd430c8');
console.log(bytes.constructor.name, bytes.length, Array.from(bytes.slice(0, 4)).join(','), stringify(bytes));
const buf = new Uint8Array(16);
v4({ random: Array.from({ length: 16 }, (_, i) => i * 7) }, buf);
console.log(Array.from(buf).join(' '));
