#!/usr/bin/env bash
# Installs what the tests need from Debian's packages when it is missing:
# PostgreSQL (integration tests), Chromium (browser tests), Go and govmomi's
# sources (the vCenter simulator), nginx (the scale-out test). Needs root; prints what it could not do.
set -uo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v pg_lsclusters >/dev/null || need+=(postgresql)
command -v go >/dev/null || need+=(golang-go)
[ -d /usr/share/gocode/src/github.com/vmware/govmomi/simulator ] || need+=(golang-github-vmware-govmomi-dev)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "Missing system packages: ${need[*]} (install them with apt-get as root)." >&2
  exit 1
fi
echo "Installing ${need[*]} from Debian's packages…"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
