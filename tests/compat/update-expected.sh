#!/usr/bin/env bash
# Regenerate the expected stdout of the npm compat scripts by running them under node.
#
#   tests/compat/update-expected.sh                 # every tests/compat/*.js|*.mjs
#   tests/compat/update-expected.sh lodash.js zod.mjs
#
# Runs each script exactly as `compat_packages` in tests/run_fixtures.rs runs
# rnode (cwd = tests/compat, script by absolute path, TZ=UTC, colour and
# NODE_OPTIONS variables removed, stdin empty) and writes <name>.out (stdout).
# A script must exit 0 under node; its stderr is shown, never compared.
# Installs the packages first (npm ci) when node_modules is missing or stale.
# Needs node and npm (NODE=... to choose node).
set -euo pipefail
NODE="${NODE:-node}"
DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
cd "$DIR"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --ignore-scripts
fi
if [ $# -eq 0 ]; then
  set -- *.js *.mjs
fi
status=0
for f in "$@"; do
  f="$(basename "$f")"
  case "$f" in *.js|*.mjs) ;; *) echo "skip $f: not a .js/.mjs script" >&2; continue ;; esac
  out="${f%.*}.out"
  err="$(mktemp)"
  if env -u NODE_OPTIONS -u FORCE_COLOR -u NODE_DISABLE_COLORS -u NO_COLOR -u UV_THREADPOOL_SIZE -u RNODE_BIN \
      TZ=UTC "$NODE" "$DIR/$f" </dev/null >"$out.tmp" 2>"$err"; then
    mv "$out.tmp" "$out"
    echo "$f -> $out ($(wc -c <"$out") bytes)"
  else
    rc=$?
    rm -f "$out.tmp"
    echo "FAIL $f: node exited with $rc" >&2
    status=1
  fi
  [ -s "$err" ] && { echo "--- stderr of $f:" >&2; cat "$err" >&2; }
  rm -f "$err"
done
exit $status
