// UDP ping-pong on 127.0.0.1: 100,000 round trips of a 64-byte datagram
// between two sockets (one outstanding at a time), then a blast of 100,000
// datagrams with 64 in flight. Per-datagram cost of send, receive and the
// message event through the UDP handles.
// bench-runs: 5
const dgram = require('dgram');

const ROUND_TRIPS = 100000;
const BLAST = 100000;
const WINDOW = 64;
const payload = Buffer.alloc(64, 'u');

const server = dgram.createSocket('udp4');
const client = dgram.createSocket('udp4');
server.on('message', (msg, rinfo) => server.send(msg, rinfo.port, rinfo.address));

let trips = 0;
let sent = 0;
let received = 0;
function pingPong(port) {
  client.on('message', () => {
    if (++trips < ROUND_TRIPS) {
      client.send(payload, port, '127.0.0.1');
    } else {
      client.removeAllListeners('message');
      blast(port);
    }
  });
  client.send(payload, port, '127.0.0.1');
}

// A window of datagrams in flight: each echo sends the next one. Loopback
// can drop under pressure, so a timer re-primes the window if it stalls.
function blast(port) {
  let last = -1;
  const watchdog = setInterval(() => {
    if (received === last) sendOne(port);
    last = received;
  }, 50);
  client.on('message', () => {
    received++;
    if (received >= BLAST) {
      clearInterval(watchdog);
      client.close();
      server.close();
      return;
    }
    sendOne(port);
  });
  for (let i = 0; i < WINDOW; i++) sendOne(port);
}
function sendOne(port) {
  sent++;
  client.send(payload, port, '127.0.0.1');
}

server.bind(0, '127.0.0.1', () => {
  client.bind(0, '127.0.0.1', () => pingPong(server.address().port));
});
