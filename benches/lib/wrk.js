// Drives a server with `wrk -t1 -c50` for a fixed time and prints
// `bench-ms: <ms per 100,000 requests>` for benches/run.py (lower is better).
// Without wrk on PATH, a keep-alive client in this process (50 connections,
// one request in flight each) sends a fixed number of requests instead and the
// wall time counts.
const { spawn, execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const net = require('net');

function hasWrk() {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (err) {
    // wrk prints its version and exits 1; only a missing binary counts.
    return err.code !== 'ENOENT';
  }
}

function wrkScript(method, bodyLength) {
  const lines = [];
  if (method) lines.push(`wrk.method = "${method}"`);
  if (bodyLength) lines.push(`wrk.body = string.rep("x", ${bodyLength})`, 'wrk.headers["Content-Type"] = "text/plain"');
  const file = path.join(os.tmpdir(), `rnode-bench-${process.pid}.lua`);
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

function runWrk(port, seconds, { method, body } = {}, done) {
  const script = wrkScript(method, body?.length);
  const child = spawn('wrk', ['-t1', '-c50', `-d${seconds}s`, '-s', script, `http://127.0.0.1:${port}/`]);
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (d) => { out += d; });
  child.on('close', () => {
    fs.rmSync(script, { force: true });
    const rps = Number(/Requests\/sec:\s+([0-9.]+)/.exec(out)?.[1]);
    if (!(rps > 0)) {
      console.error(out);
      process.exitCode = 1;
    } else {
      console.log(`requests/s: ${rps}`);
      console.log(`bench-ms: ${(100000 / rps * 1000).toFixed(1)}`);
    }
    done();
  });
}

function runInProcess(port, requests, { method = 'GET', body } = {}, done) {
  const head = `${method} / HTTP/1.1\r\nHost: x\r\n` + (body ? `Content-Length: ${body.length}\r\n\r\n` : '\r\n');
  const request = body ? Buffer.concat([Buffer.from(head), body]) : Buffer.from(head);
  let sent = 0;
  let open = 50;
  for (let i = 0; i < 50; i++) {
    const sock = net.connect(port, '127.0.0.1');
    let pending = '';
    const next = () => {
      if (sent >= requests) return sock.end();
      sent++;
      sock.write(request);
    };
    sock.setEncoding('latin1');
    sock.on('connect', next);
    sock.on('data', (d) => {
      pending += d;
      // One answer per complete head; bodies in these benches are short or
      // echoed and counted by their Content-Length.
      for (;;) {
        const end = pending.indexOf('\r\n\r\n');
        if (end === -1) break;
        const len = Number(/Content-Length: (\d+)/i.exec(pending.slice(0, end))?.[1] ?? 0);
        if (pending.length < end + 4 + len) break;
        pending = pending.slice(end + 4 + len);
        next();
      }
    });
    sock.on('close', () => {
      if (--open === 0) done();
    });
  }
}

function drive(port, { seconds, requests, method, body }, done) {
  if (hasWrk()) runWrk(port, seconds, { method, body }, done);
  else runInProcess(port, requests, { method, body }, done);
}

module.exports = { drive };
