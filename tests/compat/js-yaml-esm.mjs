import * as yaml from 'js-yaml';
import { load, dump, YAMLException } from 'js-yaml';

console.log(typeof yaml.load, typeof YAMLException, 'default' in yaml);
console.log(JSON.stringify(load('k: [1, {v: w}]')));
console.log(dump({ list: [1, 2], s: 'str' }).trim());
try {
  load('{');
} catch (e) {
  console.log(e instanceof YAMLException, e.name);
}
