// An echo server on 127.0.0.1: the client streams 256 MiB in 64 KiB chunks
// (respecting backpressure), the server writes every byte back, the client
// counts what returns. Loopback TCP throughput through the stream handles.
// bench-runs: 5
const net = require('net');

const TOTAL = 256 * 1024 * 1024;
const chunk = Buffer.alloc(64 * 1024, 'e');

const server = net.createServer((sock) => sock.pipe(sock));
server.listen(0, '127.0.0.1', () => {
  const client = net.connect(server.address().port, '127.0.0.1');
  let sent = 0;
  let received = 0;
  function pump() {
    while (sent < TOTAL) {
      sent += chunk.length;
      if (!client.write(chunk)) {
        client.once('drain', pump);
        return;
      }
    }
    client.end();
  }
  client.on('connect', pump);
  client.on('data', (d) => { received += d.length; });
  client.on('end', () => {
    if (received !== TOTAL) throw new Error(`echoed ${received} of ${TOTAL}`);
    server.close();
  });
});
