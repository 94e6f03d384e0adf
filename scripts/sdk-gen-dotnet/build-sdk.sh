#!/usr/bin/env bash
# Compiles the generated .NET SDK where the machine has `dotnet`; says so plainly where it has not.
# Builds a copy: `dotnet build` writes bin/, obj/ and a .nupkg beside the project, which would make
# sdk/dotnet differ from a fresh generation. Usage: build-sdk.sh [sdk folder] (default <repo>/sdk/dotnet).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
sdk="${1:-$repo/sdk/dotnet}"
log() { echo "check-sdks: $*" >&2; }

if ! command -v dotnet >/dev/null 2>&1; then
  log "dotnet: not on this machine, compile skipped"
  exit 0
fi
copy="$(mktemp -d)"
trap 'rm -rf "$copy"' EXIT
cp -R "$sdk/." "$copy/"
dotnet build "$copy" --nologo >&2
log ".NET SDK builds (dotnet $(dotnet --version))"
