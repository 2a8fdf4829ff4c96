#!/usr/bin/env bash
# Fails when the committed dist/geovec.wasm is not what the current sources
# build to. The browser and any Node without a compiler load that file, so a
# stale one would ship old behaviour while every native test passes.
# The rebuild goes through the Makefile's own wasm rule (WASM_OUT redirects
# the output), so the flags cannot drift from `npm run build:wasm`. It builds
# twice and compares, since a byte-for-byte check only means something when
# the build is reproducible.
set -euo pipefail
cd "$(dirname "$0")/.."

committed=dist/geovec.wasm
if [[ ! -f $committed ]]; then
  echo "check-wasm-fresh: $committed is missing: run npm run build:wasm and commit it" >&2
  exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Different output folders on purpose: a build that embeds its output path
# would then show up as not reproducible.
make --no-print-directory wasm WASM_OUT="$tmp/a/geovec.wasm" >"$tmp/build-a.log" 2>&1 ||
  { cat "$tmp/build-a.log" >&2; echo "check-wasm-fresh: the WASM build failed" >&2; exit 1; }
make --no-print-directory wasm WASM_OUT="$tmp/b/geovec.wasm" >"$tmp/build-b.log" 2>&1 ||
  { cat "$tmp/build-b.log" >&2; echo "check-wasm-fresh: the WASM build failed" >&2; exit 1; }

if ! cmp -s "$tmp/a/geovec.wasm" "$tmp/b/geovec.wasm"; then
  echo "check-wasm-fresh: the WASM build is not reproducible (two builds of the same sources differ)" >&2
  cmp "$tmp/a/geovec.wasm" "$tmp/b/geovec.wasm" >&2 || true
  exit 1
fi

if ! cmp -s "$tmp/a/geovec.wasm" "$committed"; then
  echo "check-wasm-fresh: dist/geovec.wasm is stale: run npm run build:wasm and commit it" >&2
  echo "  committed: $(wc -c <"$committed") bytes, sha256 $(sha256sum "$committed" | cut -c1-16)" >&2
  echo "  rebuilt:   $(wc -c <"$tmp/a/geovec.wasm") bytes, sha256 $(sha256sum "$tmp/a/geovec.wasm" | cut -c1-16)" >&2
  exit 1
fi

echo "check-wasm-fresh: dist/geovec.wasm matches the sources ($(wc -c <"$committed") bytes, reproducible)"
