// 2e5 pipelined HTTP/1.1 requests (GETs with browser-like heads and small
// POSTs with a body) fed to HTTPParser in 64 KiB chunks, as a socket would.
// The parser comes from _http_common, as node's http module uses it.
function loadHTTPParser() {
  try {
    const { HTTPParser } = require('_http_common');
    if (HTTPParser) return HTTPParser;
  } catch {
    // Fall through: an older or newer layout.
  }
  return process.binding('http_parser').HTTPParser;
}

const HTTPParser = loadHTTPParser();
const get = 'GET /api/items/42?sort=asc&page=3 HTTP/1.1\r\n' +
  'Host: example.com\r\n' +
  'User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36\r\n' +
  'Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n' +
  'Accept-Language: en-US,en;q=0.5\r\n' +
  'Accept-Encoding: gzip, deflate, br\r\n' +
  'Connection: keep-alive\r\n' +
  'Cookie: session=abcdef0123456789; theme=dark\r\n' +
  'Cache-Control: max-age=0\r\n\r\n';
const post = 'POST /api/items HTTP/1.1\r\nHost: example.com\r\n' +
  'Content-Type: application/json\r\nContent-Length: 27\r\n\r\n{"name":"widget","qty":12}\n';
const batch = Buffer.from((get + get + get + post).repeat(250));
const rounds = 2e5 / 1000;

const parser = new HTTPParser();
parser.initialize(HTTPParser.REQUEST, {}, 0, 0);
let messages = 0;
let headerCount = 0;
let bodyBytes = 0;
parser[HTTPParser.kOnHeadersComplete] = (major, minor, headers) => {
  headerCount += headers.length;
  return 0;
};
parser[HTTPParser.kOnBody] = (chunk) => { bodyBytes += chunk.length; };
parser[HTTPParser.kOnMessageComplete] = () => { messages++; };

const kChunk = 64 * 1024;
for (let r = 0; r < rounds; r++) {
  for (let off = 0; off < batch.length; off += kChunk) {
    const ret = parser.execute(batch.subarray(off, off + kChunk));
    if (typeof ret !== 'number') throw ret;
  }
}
if (messages !== 2e5 || bodyBytes !== 27 * 5e4) throw new Error(`parsed ${messages} messages`);
