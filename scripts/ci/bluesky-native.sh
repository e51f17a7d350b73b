#!/usr/bin/env bash
# Makes better-sqlite3 loadable by the Node that runs the tests. @atproto/dev-env's PDS keeps its
# account and repo stores in SQLite through better-sqlite3, a native addon with no N-API build:
#  - npm does not run its install script (it is not in package.json "allowScripts"), and its own
#    script would download a prebuilt binary from GitHub (unreachable here) before compiling;
#  - compiling needs the headers of the exact Node version (ABI), which node-gyp would also
#    download; the npm package node-linux-<arch>@<version> ships them, so they come from npm;
#  - Node 24's header-only node::ObjectWrap registers an environment cleanup hook per object and
#    removes it in the destructor; when V8 collects a better-sqlite3 Statement with no context
#    entered, RemoveEnvironmentCleanupHook finds no Environment and aborts the process
#    ("Assertion failed: (env) != nullptr", src/api/hooks.cc). The headers used for this build get
#    the Node 22 behaviour back (no per-object hook), which only matters at process exit.
# The built addon is cached per (better-sqlite3, Node) version under ~/.cache/lookout, so a fresh
# clone costs a copy, not a compile. Idempotent; prints one line saying what it did.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$PWD/node_modules/.bin:$PATH"

node_version=$(node -p 'process.versions.node')
arch=$(node -p 'process.arch')
bsq_version=$(node -p 'require("better-sqlite3/package.json").version')
cache="${XDG_CACHE_HOME:-$HOME/.cache}/lookout"
headers="$cache/node-headers/$node_version-objectwrap-patched"
built="$cache/better-sqlite3/$bsq_version-node-$node_version/better_sqlite3.node"
target=node_modules/better-sqlite3/build/Release/better_sqlite3.node
marker="$target.lookout-$node_version"

loads() { node -e "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()" 2>/dev/null; }

if [ -f "$marker" ] && loads; then
  echo "better-sqlite3: ready for Node $node_version"
  exit 0
fi

if [ -f "$built" ]; then
  mkdir -p "$(dirname "$target")"
  cp "$built" "$target"
  touch "$marker"
  loads && { echo "better-sqlite3: copied cached build for Node $node_version"; exit 0; }
fi

if [ ! -f "$headers/include/node/node.h" ]; then
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "node-linux-$arch@$node_version" >/dev/null)
  tar xzf "$tmp/node-linux-$arch-$node_version.tgz" -C "$tmp" package/include
  wrap="$tmp/package/include/node/node_object_wrap.h"
  if grep -q 'AddEnvironmentCleanupHook(v8::Isolate::GetCurrent(), CleanupHook, this);' "$wrap"; then
    sed -i \
      -e 's|AddEnvironmentCleanupHook(v8::Isolate::GetCurrent(), CleanupHook, this);|/* lookout: no per-object cleanup hook, see scripts/ci/bluesky-native.sh */|' \
      -e 's|RemoveEnvironmentCleanupHook(v8::Isolate::GetCurrent(), CleanupHook, this);|/* lookout: no per-object cleanup hook */|' \
      "$wrap"
  fi
  mkdir -p "$headers"
  rm -rf "$headers/include"
  mv "$tmp/package/include" "$headers/"
  rm -rf "$tmp"
fi

# npm passes --nodedir on to node-gyp (it warns that it does not know the option itself).
npm rebuild better-sqlite3 --nodedir="$headers" >/dev/null 2>&1
loads || { echo "better-sqlite3: build for Node $node_version failed" >&2; exit 1; }
mkdir -p "$(dirname "$built")"
cp "$target" "$built"
touch "$marker"
echo "better-sqlite3: built for Node $node_version"
