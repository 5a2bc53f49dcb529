#!/usr/bin/env bash
# Lints every PHP file of the companion plugin, then runs its phpunit suite. Exits non-zero on failure.
set -euo pipefail
cd "$(dirname "$0")/ledger-bridge"
status=0
while IFS= read -r -d '' file; do
  php -l "$file" >/dev/null || { echo "php -l failed: $file" >&2; status=1; }
done < <(find . -name '*.php' -not -path './vendor/*' -print0)
[ "$status" -eq 0 ] || exit "$status"
phpunit --configuration phpunit.xml.dist
