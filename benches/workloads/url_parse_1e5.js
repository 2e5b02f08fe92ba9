// 1e5 WHATWG URL parses.
let len = 0;
for (let i = 0; i < 1e5; i++) {
  const u = new URL(`https://user:pw@example.com:8080/a/b/../c${i & 15}?q=${i}#frag`);
  len += u.pathname.length + u.search.length;
}
if (len === 0) throw new Error('empty');
