'use strict';
const semver = require('semver');
const Range = require('semver/classes/range');

console.log(semver.valid('1.2.3'), semver.valid('a.b.c'), semver.clean('  =v1.2.3   '));
console.log(semver.satisfies('1.2.3', '1.x || >=2.5.0 || 5.0.0 - 7.2.3'));
console.log(semver.gt('1.2.3', '9.8.7'), semver.lt('1.2.3', '9.8.7'));
console.log(semver.minVersion('>=1.0.0').version, semver.valid(semver.coerce('v2')));
console.log(semver.inc('1.2.3', 'prerelease', 'beta'), semver.inc('1.2.3-beta.0', 'prerelease'), semver.inc('1.2.3', 'major'));
console.log(['1.2.3', '0.1.0', '10.0.0', '1.10.0', '1.2.3-alpha'].sort(semver.compare).join(' '));
console.log(semver.maxSatisfying(['1.2.3', '1.2.4', '1.3.0', '2.0.0'], '~1.2.0'));
console.log(new Range('^1.2.3').range, new Range('~0.2 || 3.x').range);
console.log(semver.diff('1.2.3', '1.3.0'), semver.major('4.5.6'), semver.prerelease('1.2.3-rc.1').join('|'));
try {
  new semver.SemVer('nope');
} catch (e) {
  console.log(e.constructor.name, e.message);
}
console.log(semver.intersects('>=1.2.0', '<1.3.0'), semver.subset('1.2.x', '^1.0.0'));
