'use strict';
const he = require('he');

console.log(he.version.split('.').length);
console.log(he.encode('foo © bar ≠ baz 𝌆 qux'));
console.log(he.encode('foo © bar ≠ baz 𝌆 qux', { useNamedReferences: true }));
console.log(he.encode('foo © bar', { decimal: true }), he.encode('<a href="x">', { encodeEverything: false }));
console.log(he.decode('foo &copy; bar &ne; baz &#x1D306; qux &amp;amp; &lt;&gt; &nbsp;x &notanentity;'));
console.log(he.escape('<img src=\'x\' onerror="y">&'), he.unescape('&lt;p&gt;&quot;hi&quot;&lt;/p&gt;'));
try {
  he.decode('foo&ampbar', { strict: true });
} catch (e) {
  console.log(e.constructor.name, e.message);
}
