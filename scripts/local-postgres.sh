#!/usr/bin/env bash
# Finds (and starts if needed) the machine's PostgreSQL cluster and prints a
# URL for tests. Debian's postgresql package; run as root.
set -euo pipefail
command -v pg_lsclusters >/dev/null || exit 1
line=$(pg_lsclusters --no-header 2>/dev/null | head -1)
[ -n "$line" ] || exit 1
read -r ver cluster port state _ <<<"$line"
if [ "$state" != "online" ]; then pg_ctlcluster "$ver" "$cluster" start >&2; fi
for _ in $(seq 1 30); do pg_isready -q -p "$port" -h 127.0.0.1 && break; sleep 0.5; done
su postgres -c "psql -q -p $port -c \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null
echo "postgresql://postgres:postgres@127.0.0.1:$port/postgres"
