#!/usr/bin/env bash
# Regenerate the expected output of fixtures by running them under node.
#
#   tests/update-expected.sh tests/fixtures/console/log.js [more.js ...]
#   tests/update-expected.sh tests/fixtures/timers          # every fixture below a dir
#
# Runs each fixture exactly as tests/run_fixtures.rs runs rnode (cwd = the
# fixture's dir, script by absolute path, .argv/.stdin/.env sidecars, TZ=UTC)
# and writes:
#   <name>.out     stdout (always)
#   <name>.err     stderr, when non-empty (removed when empty), unless the
#                  fixture contains the line `// fixture: no-err` (stderr is
#                  then never compared, e.g. when only node's wording differs)
#   <name>.status  exit status, when not 0 (removed when 0)
# with the same normalisations as the harness ($FIXTURES, (node:PID),
# Node.js vX, node:internal frames dropped). Needs node (NODE=... to choose).
set -euo pipefail
NODE="${NODE:-node}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/fixtures" && pwd -P)"
if [ $# -eq 0 ]; then
  echo "usage: $0 <fixture.js|dir>..." >&2
  exit 2
fi
exec "$NODE" - "$ROOT" "$NODE" "$@" <<'EOF'
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const [root, nodeBin, ...targets] = process.argv.slice(2);

const isScript = (f) => /\.(js|mjs|cjs)$/.test(f) && !f.endsWith('.lib.js');
function collect(p, out) {
  const st = fs.statSync(p);
  if (st.isDirectory()) {
    const base = path.basename(p);
    if (base === '_lib' || base === 'node_modules') return;
    for (const e of fs.readdirSync(p).sort()) collect(path.join(p, e), out);
  } else if (isScript(p)) {
    out.push(p);
  }
}

// util.inspect appends ' {' (extra properties) or ',' (error inside an array) to
// an error's last frame.
function splitSuffix(line) {
  for (const suffix of [' {', ',']) {
    if (line.endsWith(suffix)) return [line.slice(0, -suffix.length), suffix];
  }
  return [line, ''];
}
function isBuiltinFrame(line) {
  const t = line.trimStart();
  if (!t.startsWith('at ') || t.length === line.length) return false;
  const rest = splitSuffix(t.slice(3))[0];
  return rest.startsWith('node:') || (rest.endsWith(')') && rest.includes('(node:'));
}
const isCauseSummary = (l) => /^\.\.\. .* lines matching cause stack trace \.\.\.$/.test(l.trim());
function normalise(text) {
  const s = text.replace(/\r\n/g, '\n').split(root).join('$FIXTURES');
  const lines = [];
  for (const l of s.split('\n')) {
    if (isBuiltinFrame(l)) {
      if (lines.length) lines[lines.length - 1] += splitSuffix(l)[1];
      continue;
    }
    if (isCauseSummary(l)) continue;
    lines.push(l.startsWith('Node.js v') ? 'Node.js vX' : l.replace(/\((?:node|rnode):\d+\)/g, '(node:PID)'));
  }
  return lines.join('\n');
}
const side = (file, ext) => file.replace(/\.(js|mjs|cjs)$/, '.' + ext);

const files = [];
for (const t of targets) collect(path.resolve(t), files);
for (const file of files) {
  const real = fs.realpathSync(file);
  let args = [real];
  if (fs.existsSync(side(real, 'argv'))) {
    args = JSON.parse(fs.readFileSync(side(real, 'argv'), 'utf8')).map((a) => a.split('$FILE').join(real));
  }
  const env = { ...process.env, TZ: 'UTC' };
  for (const k of ['NODE_OPTIONS', 'FORCE_COLOR', 'NODE_DISABLE_COLORS', 'NO_COLOR', 'UV_THREADPOOL_SIZE']) delete env[k];
  for (const k of Object.keys(env)) if (k.startsWith('FIXTURE_') || k === 'RNODE_BIN') delete env[k];
  if (fs.existsSync(side(real, 'env'))) {
    for (const line of fs.readFileSync(side(real, 'env'), 'utf8').split('\n')) {
      if (!line.trim() || line.trimStart().startsWith('#')) continue;
      const i = line.indexOf('=');
      env[line.slice(0, i)] = line.slice(i + 1).split('$FIXTURES').join(root);
    }
  }
  const hasStdin = fs.existsSync(side(real, 'stdin'));
  const r = spawnSync(nodeBin, args, {
    cwd: path.dirname(real),
    env,
    input: hasStdin ? fs.readFileSync(side(real, 'stdin')) : undefined,
    stdio: [hasStdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    timeout: 20000,
    maxBuffer: 64 << 20,
  });
  if (r.error) throw r.error;
  const status = r.status ?? 128 + require('os').constants.signals[r.signal];
  fs.writeFileSync(side(real, 'out'), normalise(r.stdout.toString()));
  const noErr = /^\/\/ fixture: no-err\s*$/m.test(fs.readFileSync(real, 'utf8'));
  const err = normalise(r.stderr.toString());
  if (err && !noErr) fs.writeFileSync(side(real, 'err'), err);
  else fs.rmSync(side(real, 'err'), { force: true });
  if (status !== 0) fs.writeFileSync(side(real, 'status'), status + '\n');
  else fs.rmSync(side(real, 'status'), { force: true });
  console.log(`${path.relative(root, real)}: status ${status}, ${r.stdout.length}B out, ${r.stderr.length}B err`);
}
EOF
