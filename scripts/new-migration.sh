#!/usr/bin/env bash
# Authors a new SQL migration from the change to prisma/schema.prisma since the
# last commit, without opening any database: npm run db:migration:new -- NAME
set -euo pipefail
name=${1:?usage: npm run db:migration:new -- NAME}
export DATABASE_URL=${DATABASE_URL:-postgresql://unused@localhost/unused}
prev=$(mktemp --suffix=.prisma)
git show HEAD:prisma/schema.prisma > "$prev"
dir="prisma/migrations/$(date -u +%Y%m%d%H%M%S)_${name}"
mkdir -p "$dir"
npx prisma migrate diff --from-schema-datamodel "$prev" --to-schema-datamodel prisma/schema.prisma --script > "$dir/migration.sql"
rm -f "$prev"
echo "wrote $dir/migration.sql — review it, then commit"
