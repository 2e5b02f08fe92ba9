import { program, Command, Option } from 'commander';
import * as ns from 'commander';

console.log(Object.keys(ns).join(','), program instanceof Command, typeof Option);
program.option('-n, --number <n>', 'a number', Number).argument('<file>').exitOverride();
program.action((file, opts) => console.log('file', file, 'number', opts.number));
program.parse(['node', 'script.mjs', '-n', '42', 'x.txt']);
console.log(JSON.stringify(program.args));
