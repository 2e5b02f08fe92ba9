'use strict';
// An ESM-only package from CommonJS through dynamic import().
import('chalk').then(({ default: chalk, Chalk }) => {
  const c = new Chalk({ level: 2 });
  console.log(typeof chalk.red, JSON.stringify(c.ansi256(123).bold('dyn')));
  console.log(JSON.stringify(c.visible('v')), JSON.stringify(new Chalk({ level: 0 }).visible('hidden')));
});
