#!/usr/bin/env bash
# Makes the Pulumi CLI and the dynamic-provider plugin available without downloading binaries.
#
# - A `pulumi` on the PATH at the pinned version or newer, with `pulumi-resource-pulumi-nodejs`
#   beside it or on the PATH, is used as it is.
# - Otherwise the CLI is built from its Go module (scripts/pulumi-cli pins the version) into
#   <repo>/.pulumi-cli/bin/pulumi, and the plugin script is written beside it. The build is skipped
#   when that binary already reports the pinned version, so a second run takes well under a second.
#
# Progress goes to stderr; the last line on stdout is the folder that holds bin/pulumi (what the
# Automation API's `PulumiCommand.get({ root })` takes).
set -euo pipefail
# Then the YAML and Go language hosts beside that CLI (scripts/install-language-hosts.sh): this script runs itself, then that one on the folder it printed.
[[ -n "${INSTALL_PULUMI_INNER:-}" ]] || { root="$(INSTALL_PULUMI_INNER=1 bash "${BASH_SOURCE[0]}")" && bash "$(dirname "${BASH_SOURCE[0]}")/install-language-hosts.sh" "$root" && echo "$root"; exit; }

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
module_dir="$repo/scripts/pulumi-cli"
install_root="$repo/.pulumi-cli"
plugin_name="pulumi-resource-pulumi-nodejs"

# The pinned version is the one go.mod requires, so the two cannot drift apart.
pinned="$(awk '$1 == "require" && $2 == "github.com/pulumi/pulumi/pkg/v3" { print $3 }' "$module_dir/go.mod")"
if [[ -z "$pinned" ]]; then
  echo "install-pulumi: cannot read the pinned github.com/pulumi/pulumi/pkg/v3 version from $module_dir/go.mod" >&2
  exit 1
fi

log() { echo "install-pulumi: $*" >&2; }

# Prints the version a pulumi binary reports (vX.Y.Z...), or nothing.
cli_version() {
  PULUMI_SKIP_UPDATE_CHECK=true "$1" version 2>/dev/null | tail -n 1 | tr -d '[:space:]' || true
}

# True when version $1 >= version $2 with the same major version (the Automation API refuses a newer
# major), comparing their X.Y.Z (a pre-release counts as its release).
version_at_least() {
  local have="${1#v}" want="${2#v}"
  have="${have%%[-+]*}" want="${want%%[-+]*}"
  [[ "$have" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ && "${have%%.*}" == "${want%%.*}" ]] || return 1
  [[ "$(printf '%s\n%s\n' "$want" "$have" | sort -V | head -n 1)" == "$want" ]]
}

write_plugin() {
  local target="$1/$plugin_name"
  # Same as the SDK's nodejs/dist/pulumi-resource-pulumi-nodejs, with "$@" quoted and exec. It runs the
  # `node` on the PATH (must be Node 22) and resolves @pulumi/pulumi from its working directory, which the
  # engine sets to the project folder.
  local body='#!/bin/sh
PULUMI_DYNAMIC_PROVIDER_SCRIPT_PATH=$(node -e "console.log(require.resolve('"'"'@pulumi/pulumi/cmd/dynamic-provider'"'"'))")
if [ -n "$PULUMI_DYNAMIC_PROVIDER_SCRIPT_PATH" ]; then
    exec node "$PULUMI_DYNAMIC_PROVIDER_SCRIPT_PATH" "$@"
fi
echo "pulumi-resource-pulumi-nodejs: cannot resolve @pulumi/pulumi from $(pwd)" >&2
exit 1'
  if [[ ! -x "$target" ]] || [[ "$(cat "$target")" != "$body" ]]; then
    printf '%s\n' "$body" >"$target.tmp.$$"
    chmod 755 "$target.tmp.$$"
    mv -f "$target.tmp.$$" "$target"
  fi
}

# 1. A CLI that is already installed.
if existing="$(command -v pulumi 2>/dev/null)" && [[ "$existing" != "$install_root/bin/pulumi" ]]; then
  existing="$(readlink -f "$existing")"
  version="$(cli_version "$existing")"
  existing_dir="$(dirname "$existing")"
  if ! version_at_least "$version" "$pinned"; then
    log "ignoring $existing: it reports version '${version:-unknown}', need $pinned or a later release of the same major version"
  elif ! [[ -x "$existing_dir/$plugin_name" ]] && ! command -v "$plugin_name" >/dev/null 2>&1; then
    log "ignoring $existing: no $plugin_name beside it or on the PATH"
  else
    log "using $existing ($version)"
    if [[ "$(basename "$existing_dir")" == "bin" && "$(basename "$existing")" == "pulumi" ]]; then
      echo "$(dirname "$existing_dir")"
    else
      # PulumiCommand wants <root>/bin/pulumi: give it one.
      mkdir -p "$install_root/system/bin"
      ln -sfn "$existing" "$install_root/system/bin/pulumi"
      echo "$install_root/system"
    fi
    exit 0
  fi
fi

# 2. Build from the Go module. One build at a time (parallel test workers may all call this).
mkdir -p "$install_root/bin"
exec 9>"$install_root/.install.lock"
flock 9

binary="$install_root/bin/pulumi"
if [[ -x "$binary" && "$(cli_version "$binary")" == "$pinned" ]]; then
  log "$binary is $pinned already"
else
  if ! command -v go >/dev/null 2>&1; then
    export PATH="$PATH:/usr/local/go/bin"
    command -v go >/dev/null 2>&1 || {
      log "Go is needed to build the Pulumi CLI: install it (https://go.dev/dl/) or put pulumi >= $pinned on the PATH"
      exit 1
    }
  fi
  log "building the Pulumi CLI $pinned from Go modules (about 4 minutes with an empty module cache)"
  started=$SECONDS
  (
    cd "$module_dir"
    go build \
      -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$pinned" \
      -o "$binary.tmp.$$" \
      github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
  ) >&2
  mv -f "$binary.tmp.$$" "$binary"
  built="$(cli_version "$binary")"
  if [[ "$built" != "$pinned" ]]; then
    log "the built binary reports '$built', expected $pinned"
    exit 1
  fi
  log "built $binary in $((SECONDS - started)) s"
fi

write_plugin "$install_root/bin"
echo "$install_root"
