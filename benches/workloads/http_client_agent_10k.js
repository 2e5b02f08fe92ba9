// The client side: 10,000 GETs through a keep-alive Agent (50 sockets, 50 in
// flight) to a server in the same process, every body read.
// bench-runs: 5
const http = require('http');

const N = 10000;
const server = http.createServer((req, res) => res.end('ok'));
server.listen(0, '127.0.0.1', () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 50 });
  const port = server.address().port;
  let started = 0;
  let finished = 0;
  function one() {
    if (started >= N) return;
    started++;
    http.get({ host: '127.0.0.1', port, agent }, (res) => {
      res.resume();
      res.on('end', () => {
        if (++finished === N) {
          agent.destroy();
          server.close();
        } else {
          one();
        }
      });
    });
  }
  for (let i = 0; i < 50; i++) one();
});
