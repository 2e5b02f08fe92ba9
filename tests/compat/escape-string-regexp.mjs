import escapeStringRegexp from 'escape-string-regexp';

const s = 'How much $ for a 🦄? (a-b) [c] {d} ^e* +f. |g\\';
console.log(escapeStringRegexp(s));
console.log(new RegExp(escapeStringRegexp('1+1=2')).test('is 1+1=2?'));
try {
  escapeStringRegexp(1);
} catch (e) {
  console.log(e.name, e.message);
}
