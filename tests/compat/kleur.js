'use strict';
const kleur = require('kleur');
const colors = require('kleur/colors');
const { red, bold, dim } = colors;

kleur.enabled = true;
colors.$.enabled = true;
console.log(JSON.stringify(kleur.red('red')), JSON.stringify(kleur.bold().underline().blue('chained')));
console.log(JSON.stringify(kleur.bgYellow().black(`nested ${kleur.green('green')} back`)));
console.log(JSON.stringify(red(bold('fn style'))), JSON.stringify(dim('dim')));
kleur.enabled = false;
console.log(JSON.stringify(kleur.red('plain')));
