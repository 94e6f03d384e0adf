#!/usr/bin/env bash
# Packs the native provider as a Pulumi resource plugin that users install with one command:
#   pulumi plugin install resource confluentnetworklink <version> --file <tarball>
# The tarball holds the plugin executable (a shell script that runs the compiled provider with the
# `node` on the PATH, Node 22 or later), the compiled provider and its production dependencies, copied
# (no symlink in it points outside it). Usage: pack-native-plugin.sh [output folder] (default
# <repo>/dist/native-plugin). Prints the tarball's path. Needs `npm run build` first.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$repo/dist/native-plugin}"
version="$(node -p "require('$repo/package.json').version")"
name="confluentnetworklink"
log() { echo "pack-native-plugin: $*" >&2; }

[[ -f "$repo/dist/provider/native/main.js" ]] || { log "run npm run build first"; exit 1; }

# Staged outside the repository, so no tool that scans it sees a second package.json.
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/dist" "$out"
cp -R "$repo/dist/provider" "$stage/dist/provider"

# Only what the provider loads at run time, at the versions the repository pins.
node -e '
  const pkg = require(process.argv[1]);
  const keep = ["@pulumi/pulumi", "got", "zod"];
  // Pinned where the repository pins them (the library lists @pulumi/pulumi as a peer and pins it
  // among the devDependencies).
  const pinned = { ...pkg.peerDependencies, ...pkg.devDependencies, ...pkg.dependencies };
  const dependencies = Object.fromEntries(keep.map((k) => [k, pinned[k]]));
  const plugin = { name: "pulumi-resource-" + process.argv[3], version: pkg.version, private: true,
    license: pkg.license, dependencies };
  require("fs").writeFileSync(process.argv[2], JSON.stringify(plugin, null, 2) + "\n");
' "$repo/package.json" "$stage/package.json" "$name"
# From npm's cache when it has them (after `npm ci`), else from the registry.
(cd "$stage" && npm install --omit=dev --prefer-offline --no-audit --no-fund --no-bin-links \
  --no-package-lock --ignore-scripts >&2)

cat >"$stage/pulumi-resource-$name" <<'SCRIPT'
#!/bin/sh
# The Confluent Network Link provider plugin: runs the provider with Node.js 22 or later.
dir=$(cd "$(dirname "$0")" && pwd)
exec node "$dir/dist/provider/native/main.js" "$@"
SCRIPT
chmod 755 "$stage/pulumi-resource-$name"

outside="$(cd "$stage" && find . -type l -exec sh -c 'case "$(readlink -f "$1")" in "$2"/*) ;; *) echo "$1";; esac' _ {} "$(pwd -P)" \;)"
[[ -z "$outside" ]] || { log "symlinks point outside the plugin: $outside"; exit 1; }

os="$(uname -s | tr '[:upper:]' '[:lower:]')"
arch="$(uname -m)"; [[ "$arch" == "x86_64" ]] && arch=amd64; [[ "$arch" == "aarch64" ]] && arch=arm64
tarball="$out/pulumi-resource-$name-v$version-$os-$arch.tar.gz"
tar -czf "$tarball" -C "$stage" .
log "packed $(du -h "$tarball" | cut -f1) into $tarball"
echo "$tarball"
