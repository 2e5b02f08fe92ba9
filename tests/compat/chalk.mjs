import chalk, { Chalk, supportsColor, modifierNames, foregroundColorNames } from 'chalk';

const c = new Chalk({ level: 1 });
console.log(JSON.stringify(c.red('red')), JSON.stringify(c.bold.underline.blue('chain')));
console.log(JSON.stringify(c.green(`a ${c.yellow('b')} c`)), JSON.stringify(c.bgRed.white('x\ny')));
const c3 = new Chalk({ level: 3 });
console.log(JSON.stringify(c3.hex('#FF8800')('hex')), JSON.stringify(c3.rgb(10, 20, 30).bgAnsi256(200)('rgb')));
console.log(JSON.stringify(new Chalk({ level: 0 }).red('plain')));
console.log(chalk.level, supportsColor, modifierNames.includes('bold'), foregroundColorNames.length);
