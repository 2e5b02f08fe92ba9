import camelCase from 'camelcase';

for (const s of ['foo-bar', 'foo_bar', 'Foo-Bar', 'розовый_пушистый_единорог', '--foo.bar', 'XMLHttpRequest', ['foo', 'bar'], 'lorem-ipsum-dolor']) {
  console.log(JSON.stringify(s), camelCase(s), camelCase(s, { pascalCase: true }));
}
console.log(camelCase('XMLHttpRequest', { preserveConsecutiveUppercase: true }), camelCase('lorem-ipsum', { locale: 'en-US' }), camelCase('I-LIKE', { locale: false }));
