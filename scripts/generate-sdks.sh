#!/usr/bin/env bash
# Writes the native provider's schema (sdk/schema.json) and its Node.js, Python, Go and .NET SDKs
# (sdk/…) from provider/native/schema.ts, with scripts/sdk-gen (pkg/v3's code generators, at the CLI's
# pinned version, so Go reuses what the CLI build compiled) and scripts/sdk-gen-dotnet (pkg/v3
# v3.224.0, the last with the C# generator; its first build takes a few minutes).
# Usage: generate-sdks.sh [output folder] (default <repo>/sdk). sdk/go/confluentnetworklink/go.mod and
# go.sum are kept (but for go.mod's module line): they pin what the Go SDK builds with.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mkdir -p "${1:-$repo/sdk}" && cd "${1:-$repo/sdk}" && pwd)"
log() { echo "generate-sdks: $*" >&2; }

command -v go >/dev/null 2>&1 || export PATH="$PATH:/usr/local/go/bin"
command -v go >/dev/null 2>&1 || { log "Go is needed to generate the SDKs (https://go.dev/dl/)"; exit 1; }

# The schema's property descriptions come from the TSDoc of the TypeScript Args and classes.
(cd "$repo" && node_modules/.bin/tsx scripts/tsdoc-descriptions.ts)
(cd "$repo" && node_modules/.bin/tsx -e '
  import { packageSchema } from "./provider/native/schema";
  process.stdout.write(JSON.stringify(packageSchema(), null, 2) + "\n");
') >"$out/schema.json"

rm -rf "$out/nodejs" "$out/python" "$out/dotnet"
[[ -d "$out/go" ]] && find "$out/go" -type f ! -name go.mod ! -name go.sum -delete
(cd "$repo/scripts/sdk-gen" && go run . "$out/schema.json" "$out")
(cd "$repo/scripts/sdk-gen-dotnet" && go run . "$out/schema.json" "$out/dotnet")

# The Go SDK is its own module (its import path is the schema's importBasePath; a kept go.mod
# follows it when it changes).
go_sdk="$out/go/confluentnetworklink"
base="$(node -p "require('$out/schema.json').language.go.importBasePath")"
if [[ -f "$go_sdk/go.mod" ]]; then
  sed -i.bak "1s|^module .*|module $base|" "$go_sdk/go.mod" && rm -f "$go_sdk/go.mod.bak"
else
  sdk_version="$(awk '$1 == "github.com/pulumi/pulumi/sdk/v3" { print $2 }' "$repo/scripts/sdk-gen/go.mod")"
  printf 'module %s\n\ngo 1.26.8\n\nrequire github.com/pulumi/pulumi/sdk/v3 %s\n' "$base" "$sdk_version" >"$go_sdk/go.mod"
  (cd "$go_sdk" && go mod tidy)
fi
log "wrote $out/{schema.json,nodejs,python,go,dotnet}"
