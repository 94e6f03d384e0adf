#!/usr/bin/env bash
# Makes the Pulumi CLI, the dynamic-provider plugin and the Node.js language host available without
# downloading binaries.
#
# - A `pulumi` on the PATH at the pinned version or newer, with `pulumi-resource-pulumi-nodejs` and
#   `pulumi-language-nodejs` beside it or on the PATH (a full install), is used as it is.
# - A `pulumi` on the PATH without the language host is used with one built from its Go module
#   (scripts/pulumi-language-nodejs pins it) into <repo>/.pulumi-cli/bin; the printed folder's bin/
#   then holds links to the CLI and that language host (put it first on the PATH).
# - Otherwise the CLI is built from its Go module (scripts/pulumi-cli pins the version) into
#   <repo>/.pulumi-cli/bin/pulumi, with the plugin script and the language host beside it.
# Each build is skipped when its binary already has the pinned version, so a second run takes well
# under a second.
#
# Progress goes to stderr; the last line on stdout is the folder that holds bin/pulumi (what the
# Automation API's `PulumiCommand.get({ root })` takes); `<that folder>/bin` first on the PATH gives
# `pulumi up` in a project folder everything it needs.
set -euo pipefail
# Then the YAML and Go language hosts beside that CLI (scripts/install-language-hosts.sh): this script runs itself, then that one on the folder it printed.
[[ -n "${INSTALL_PULUMI_INNER:-}" ]] || { root="$(INSTALL_PULUMI_INNER=1 bash "${BASH_SOURCE[0]}")" && bash "$(dirname "${BASH_SOURCE[0]}")/install-language-hosts.sh" "$root" && echo "$root"; exit; }

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
module_dir="$repo/scripts/pulumi-cli"
host_module_dir="$repo/scripts/pulumi-language-nodejs"
install_root="$repo/.pulumi-cli"
plugin_name="pulumi-resource-pulumi-nodejs"
host_name="pulumi-language-nodejs"
host_package="github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs"

# The pinned version is the one go.mod requires, so the two cannot drift apart.
pinned="$(awk '$1 == "require" && $2 == "github.com/pulumi/pulumi/pkg/v3" { print $3 }' "$module_dir/go.mod")"
if [[ -z "$pinned" ]]; then
  echo "install-pulumi: cannot read the pinned github.com/pulumi/pulumi/pkg/v3 version from $module_dir/go.mod" >&2
  exit 1
fi

host_pinned="$(awk '$1 == "require" && $2 == "github.com/pulumi/pulumi/sdk/v3" { print $3 }' "$host_module_dir/go.mod")"
if [[ -z "$host_pinned" ]]; then
  echo "install-pulumi: cannot read the pinned github.com/pulumi/pulumi/sdk/v3 version from $host_module_dir/go.mod" >&2
  exit 1
fi

log() { echo "install-pulumi: $*" >&2; }

# Finds Go (also where the official installer puts it), or explains what to do.
need_go() {
  command -v go >/dev/null 2>&1 && return 0
  export PATH="$PATH:/usr/local/go/bin"
  command -v go >/dev/null 2>&1 && return 0
  log "Go is needed to build $1: install it (https://go.dev/dl/) or put a full Pulumi install (pulumi >= $pinned with $host_name) on the PATH"
  exit 1
}

# True when the language host binary $1 was built from the pinned sdk/v3 module. The host has no
# version flag, so this reads the build info Go embeds in every binary (`go version -m` prints it:
# the main package's module and version).
host_is_pinned() {
  [[ -x "$1" ]] && LC_ALL=C grep -q -a -F "$(printf 'mod\tgithub.com/pulumi/pulumi/sdk/v3\t%s\t' "$host_pinned")" "$1"
}

# Builds the language host into $1 unless the one there is pinned already. Serialized by the lock.
ensure_language_host() {
  local target="$1/$host_name"
  if host_is_pinned "$target"; then
    log "$target is sdk/v3 $host_pinned already"
    return 0
  fi
  need_go "the Node.js language host"
  log "building $host_name from github.com/pulumi/pulumi/sdk/v3 $host_pinned (about 1 minute with an empty module cache)"
  local started=$SECONDS
  (
    cd "$host_module_dir"
    go build \
      -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$host_pinned" \
      -o "$target.tmp.$$" \
      "$host_package"
  ) >&2
  mv -f "$target.tmp.$$" "$target"
  host_is_pinned "$target" || {
    log "the built $target does not embed github.com/pulumi/pulumi/sdk/v3 $host_pinned"
    exit 1
  }
  log "built $target in $((SECONDS - started)) s"
}

# Finds a program beside the CLI or on the PATH.
beside_or_on_path() {
  [[ -x "$1/$2" ]] || command -v "$2" >/dev/null 2>&1
}

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
  elif ! beside_or_on_path "$existing_dir" "$plugin_name"; then
    log "ignoring $existing: no $plugin_name beside it or on the PATH"
  elif beside_or_on_path "$existing_dir" "$host_name" && [[ "$(basename "$existing_dir")" == "bin" && "$(basename "$existing")" == "pulumi" ]]; then
    log "using $existing ($version), a full install"
    echo "$(dirname "$existing_dir")"
    exit 0
  else
    # PulumiCommand wants <root>/bin/pulumi, and `pulumi up` in a project folder wants the language
    # host: one folder holds links to both (and to the plugin when it sits beside the CLI).
    mkdir -p "$install_root/bin" "$install_root/system/bin"
    exec 9>"$install_root/.install.lock"
    flock 9
    if beside_or_on_path "$existing_dir" "$host_name"; then
      log "using $existing ($version), a full install"
    else
      log "using $existing ($version) with a $host_name built here"
      ensure_language_host "$install_root/bin"
      ln -sfn "$install_root/bin/$host_name" "$install_root/system/bin/$host_name"
    fi
    ln -sfn "$existing" "$install_root/system/bin/pulumi"
    [[ -x "$existing_dir/$plugin_name" ]] && ln -sfn "$existing_dir/$plugin_name" "$install_root/system/bin/$plugin_name"
    echo "$install_root/system"
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
  need_go "the Pulumi CLI"
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
ensure_language_host "$install_root/bin"
echo "$install_root"
