'use strict';
const pc = require('picocolors');

const c = pc.createColors(true);
console.log(JSON.stringify(c.red('red')), JSON.stringify(c.bold(c.green('bold green'))));
console.log(JSON.stringify(c.bgBlue(c.white(`outer ${c.yellow('inner')} outer`))));
console.log(JSON.stringify(c.underline(123)), c.isColorSupported, JSON.stringify(c.red(null)));
const off = pc.createColors(false);
console.log(JSON.stringify(off.red('plain')), off.isColorSupported);
console.log(typeof pc.isColorSupported, Object.keys(pc).length > 20);
