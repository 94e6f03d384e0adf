#!/usr/bin/env bash
# Builds the YAML, Go and Python language hosts beside the Pulumi CLI, so that `pulumi up` runs YAML,
# Go and Python programs (the native provider's end-to-end tests and docs use them). Usage:
#   install-language-hosts.sh <folder that holds bin/pulumi>
#
# Each host is built from its own pinned Go module (scripts/pulumi-language-yaml,
# scripts/pulumi-language-go, scripts/pulumi-language-python) only when the binary there is missing
# or was built from another version (read from the build info Go embeds in every binary), so a second
# run takes well under a second.
# When <folder>/bin is not writable, the hosts go to <repo>/.pulumi-cli/bin, which must then be on
# the PATH (the CLI finds language hosts beside itself or on the PATH). Progress goes to stderr.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
log() { echo "install-language-hosts: $*" >&2; }

root="${1:?usage: install-language-hosts.sh <folder that holds bin/pulumi>}"
bin="$root/bin"
if ! [[ -w "$bin" ]]; then
  bin="$repo/.pulumi-cli/bin"
  mkdir -p "$bin"
  log "$root/bin is not writable: installing into $bin (put it on the PATH)"
fi

# Prints the version go.mod in $1 requires of module $2.
pinned_version() {
  awk -v mod="$2" '$1 == "require" && $2 == mod { print $3 }' "$1/go.mod"
}

# True when binary $1 was built from module $2 at version $3 (the module of its main package).
built_from() {
  [[ -x "$1" ]] && LC_ALL=C grep -q -a -F "$(printf 'mod\t%s\t%s\t' "$2" "$3")" "$1"
}

need_go() {
  command -v go >/dev/null 2>&1 && return 0
  export PATH="$PATH:/usr/local/go/bin"
  command -v go >/dev/null 2>&1 || { log "Go is needed to build $1: install it (https://go.dev/dl/)"; exit 1; }
}

# Builds host $1 from module folder $2, which pins module $3, whose package $4 is the host's main.
# Sets `built` to 1 when it built, 0 when the binary there was current already.
built=0
ensure_host() {
  local name="$1" module_dir="$repo/scripts/$2" module="$3" package="$4"
  local target="$bin/$name" version
  version="$(pinned_version "$module_dir" "$module")"
  [[ -n "$version" ]] || { log "cannot read the pinned $module version from $module_dir/go.mod"; exit 1; }
  if built_from "$target" "$module" "$version"; then
    log "$target is $module $version already"
    built=0
    return 0
  fi
  need_go "$name"
  log "building $name from $module $version (about 1 minute with a warm module cache)"
  local started=$SECONDS
  (cd "$module_dir" && go build -o "$target.tmp.$$" "$package") >&2
  mv -f "$target.tmp.$$" "$target"
  built_from "$target" "$module" "$version" || { log "the built $target does not embed $module $version"; exit 1; }
  log "built $target in $((SECONDS - started)) s"
  built=1
}

# One build at a time: parallel test workers may all call this.
exec 8>"$bin/.language-hosts.lock"
flock 8

ensure_host pulumi-language-yaml pulumi-language-yaml \
  github.com/pulumi/pulumi-yaml github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml
ensure_host pulumi-language-go pulumi-language-go \
  github.com/pulumi/pulumi/sdk/v3 github.com/pulumi/pulumi/sdk/v3/go/pulumi-language-go

# The Python host runs programs through the script pulumi-language-python-exec, which it looks for
# beside its own binary; the script comes from the same module version as the host.
ensure_host pulumi-language-python pulumi-language-python \
  github.com/pulumi/pulumi/sdk/v3 github.com/pulumi/pulumi/sdk/v3/python/cmd/pulumi-language-python
python_exec="$bin/pulumi-language-python-exec"
if [[ "$built" == 1 || ! -x "$python_exec" ]]; then
  need_go pulumi-language-python-exec
  sdk_dir="$(cd "$repo/scripts/pulumi-language-python" && go mod download -json github.com/pulumi/pulumi/sdk/v3 |
    awk -F'"' '$2 == "Dir" { print $4 }')"
  [[ -f "$sdk_dir/python/cmd/pulumi-language-python-exec" ]] || {
    log "no python/cmd/pulumi-language-python-exec in the module folder '$sdk_dir'"
    exit 1
  }
  install -m 755 "$sdk_dir/python/cmd/pulumi-language-python-exec" "$python_exec.tmp.$$"
  mv -f "$python_exec.tmp.$$" "$python_exec"
  log "installed $python_exec"
fi
