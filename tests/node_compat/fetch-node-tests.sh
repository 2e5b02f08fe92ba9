#!/usr/bin/env bash
# Puts node v20.19.2's test/ tree (from Debian 13's nodejs source package) into
# the cache, once. Only the runner and lists of test names live in the repo;
# node's own files never do. A failed download fails loudly.
#
# Usage: fetch-node-tests.sh [cache-dir]   (default ~/.cache/rnode/node-v20.19.2)
set -euo pipefail

VERSION=20.19.2
DEST=${1:-${RNODE_NODE_TESTS:-$HOME/.cache/rnode/node-v$VERSION}}
ORIG=nodejs_${VERSION}+dfsg.orig.tar.xz

if [[ -f "$DEST/test/common/index.js" && -d "$DEST/test/parallel" ]]; then
  exit 0
fi

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

# A deb-src entry for trixie, on the same mirror as the machine's own Debian
# sources (read from its sources file, so no host name is written here).
add_trixie_sources() {
  local list=/etc/apt/sources.list.d/rnode-node-src.sources
  [[ -f $list ]] && return 0
  local uri
  uri=$(grep -h -m1 '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n1 | awk '{print $2}')
  if [[ -z $uri ]]; then
    uri=$(grep -h -m1 -E '^deb ' /etc/apt/sources.list 2>/dev/null | awk '{print $2}')
  fi
  if [[ -z $uri ]]; then
    echo "fetch-node-tests: no Debian mirror found in the apt sources" >&2
    exit 1
  fi
  printf 'Types: deb-src\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
    "$uri" | as_root tee "$list" >/dev/null
}

download_orig() {
  local work=$1
  as_root apt-get update -qq
  # The .dsc and debian.tar may be missing from the mirror; only the orig tarball matters.
  (cd "$work" && apt-get source --download-only "nodejs=${VERSION}+dfsg-1+deb13u3" >/dev/null 2>&1 ||
    apt-get source --download-only nodejs >/dev/null 2>&1 || true)
  if [[ ! -f "$work/$ORIG" ]]; then
    echo "fetch-node-tests: could not download $ORIG from Debian's source packages" >&2
    exit 1
  fi
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
add_trixie_sources
download_orig "$work"
mkdir -p "$DEST"
tar -xJf "$work/$ORIG" -C "$DEST" --strip-components=1 "node-v$VERSION/test"
echo "fetch-node-tests: node v$VERSION tests in $DEST/test"
