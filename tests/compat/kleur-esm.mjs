import kleur from 'kleur';
import { $, cyan, italic } from 'kleur/colors';

kleur.enabled = true;
$.enabled = true;
console.log(JSON.stringify(kleur.magenta().inverse('esm')), JSON.stringify(cyan(italic('colors'))));
