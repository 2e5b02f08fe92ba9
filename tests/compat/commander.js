'use strict';
const { Command, Option, InvalidArgumentError } = require('commander');

function build() {
  const program = new Command();
  program
    .name('tool')
    .description('A test CLI')
    .version('1.2.3')
    .exitOverride()
    .configureOutput({ writeOut: (s) => process.stdout.write('[out] ' + s), writeErr: (s) => process.stdout.write('[err] ' + s) })
    .option('-d, --debug', 'output extra debugging')
    .option('-p, --port <number>', 'port number', (v) => {
      const n = parseInt(v, 10);
      if (Number.isNaN(n)) throw new InvalidArgumentError('Not a number.');
      return n;
    }, 80)
    .addOption(new Option('-s, --size <size>', 'cup size').choices(['small', 'large']).default('small'))
    .option('--no-color', 'no colour');
  program
    .command('greet <name> [greeting...]')
    .description('say hello')
    .option('-u, --upper', 'shout')
    .action((name, greeting, opts) => {
      const text = `${(greeting.length ? greeting.join(' ') : 'hello')} ${name}`;
      console.log('greet:', opts.upper ? text.toUpperCase() : text);
    });
  return program;
}

let p = build();
p.parse(['-d', '-p', '3000', '--size', 'large', '--no-color', 'greet', 'bob', 'good', 'day', '-u'], { from: 'user' });
console.log(JSON.stringify(p.opts()));
p = build();
p.parse(['greet', 'amy'], { from: 'user' });
console.log(JSON.stringify(p.opts()));
for (const args of [['--port', 'abc'], ['--size', 'medium'], ['--version'], ['--help'], ['nope'], ['greet']]) {
  try {
    build().parse(args, { from: 'user' });
  } catch (e) {
    console.log(`${e.name} ${e.code} ${e.exitCode}`);
  }
}
console.log(build().helpInformation());
