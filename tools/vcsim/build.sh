#!/usr/bin/env bash
# Builds govmomi's vCenter simulator (tools/vcsim/main.go) from Debian's
# packaged govmomi sources into .tools/vcsim. Usage: build.sh [OUTPUT]
# Fast no-op when the binary is newer than main.go. Installing the Go
# toolchain needs root (apt) once; the first build takes 1-2 minutes.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-$root/.tools/vcsim}
if [ -x "$out" ] && [ "$out" -nt "$here/main.go" ]; then
  exit 0
fi
if [ ! -d /usr/share/gocode/src/github.com/vmware/govmomi/simulator ] || ! command -v go >/dev/null; then
  if [ "$(id -u)" != 0 ]; then
    echo "vcsim: needs golang-go and golang-github-vmware-govmomi-dev (apt-get install, as root)" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq golang-go golang-github-vmware-govmomi-dev >/dev/null
fi
mkdir -p "$(dirname "$out")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/main.go" "$work/"
(cd "$work" && GO111MODULE=off GOPATH=/usr/share/gocode GOCACHE="${GOCACHE:-$root/.tools/go-cache}" go build -o vcsim .)
mv "$work/vcsim" "$out"
echo "built $out"
