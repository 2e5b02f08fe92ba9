'use strict';
// Prints what node's own parser (llhttp) does with each case of cases.json, in
// the form the Rust tests render ours; its output is expected.txt:
//   node --expose-internals oracle.js cases.json > expected.txt
// A case: { t: 'req' | 'res', c: [chunks, latin1], l: lenient flags,
//           max: maxHeaderSize, f: call finish(), skip: answer 1 to headers }
const { internalBinding } = require('internal/test/binding');
const { HTTPParser, allMethods } = internalBinding('http_parser');
const cases = JSON.parse(require('fs').readFileSync(process.argv[2], 'latin1'));
const show = (v) => (v === undefined ? 'undefined' : JSON.stringify(v));
cases.forEach((cs, i) => {
  const out = [`#${i}`];
  const p = new HTTPParser();
  p.initialize(cs.t === 'res' ? HTTPParser.RESPONSE : HTTPParser.REQUEST, {}, cs.max || 0, cs.l || 0);
  p[HTTPParser.kOnMessageBegin] = () => out.push('begin');
  p[HTTPParser.kOnHeaders] = (h, u) => out.push(`hdrs ${show(h)} ${show(u)}`);
  p[HTTPParser.kOnHeadersComplete] = (maj, min, h, m, u, s, sm, up, ka) => {
    const method = m === undefined ? '-' : allMethods[m];
    out.push(`hc ${maj}.${min} ${show(h)} ${method} ${show(u)} ${show(s)} ${show(sm)} up=${up} ka=${ka}`);
    return cs.skip ? 1 : 0;
  };
  p[HTTPParser.kOnBody] = (b) => out.push(`body ${show(b.latin1Slice())}`);
  p[HTTPParser.kOnMessageComplete] = () => out.push('done');
  let failed = false;
  for (const c of cs.c) {
    const r = p.execute(Buffer.from(c, 'latin1'));
    if (r instanceof Error) {
      out.push(`ERR ${r.code} ${show(r.reason)} at=${r.bytesParsed}`);
      failed = true;
      break;
    }
    out.push(`n=${r}`);
  }
  if (cs.f && !failed) {
    const r = p.finish();
    out.push(r ? `FIN ${r.code} ${show(r.reason)}` : 'fin');
  }
  console.log(out.join('\n'));
});
