#!/usr/bin/env bash
# CI check of the generated SDKs: they are what scripts/generate-sdks.sh writes from the current
# schema, and each compiles (Go build, tsc, Python byte-compile; .NET only where `dotnet` exists,
# otherwise reported as skipped: tests/unit/dotnet-sdk.test.ts checks its sources without it).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
log() { echo "check-sdks: $*" >&2; }
command -v go >/dev/null 2>&1 || export PATH="$PATH:/usr/local/go/bin"

fresh="$(mktemp -d)"
trap 'rm -rf "$fresh"' EXIT
cp -R "$repo/sdk/." "$fresh/"
bash "$repo/scripts/generate-sdks.sh" "$fresh"
if ! diff -r "$repo/sdk" "$fresh" >&2; then
  log "sdk/ is not current: run scripts/generate-sdks.sh and commit the result"
  exit 1
fi
log "sdk/ is current"

(cd "$repo/sdk/go/confluentnetworklink" && go build ./... && go vet ./...)
log "Go SDK builds"
"$repo/node_modules/.bin/tsc" -p "$repo/sdk/nodejs/tsconfig.json" --noEmit
log "Node.js SDK type-checks"
python3 -m compileall -q "$repo/sdk/python" >&2
find "$repo/sdk/python" -name __pycache__ -type d -exec rm -rf {} +
log "Python SDK byte-compiles"
bash "$repo/scripts/sdk-gen-dotnet/build-sdk.sh" "$repo/sdk/dotnet"
