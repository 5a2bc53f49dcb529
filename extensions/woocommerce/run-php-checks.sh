#!/usr/bin/env bash
# Lints every PHP file of the companion plugin, checks the coding standard (phpcs.xml.dist) when
# phpcs is installed, then runs its phpunit suite. Exits non-zero on failure.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/ledger-bridge"
status=0
while IFS= read -r -d '' file; do
  php -l "$file" >/dev/null || { echo "php -l failed: $file" >&2; status=1; }
done < <(find . -name '*.php' -not -path './vendor/*' -print0)
[ "$status" -eq 0 ] || exit "$status"
if command -v phpcs >/dev/null 2>&1; then
  phpcs --standard="$here/phpcs.xml.dist" --basepath="$here" "$here/ledger-bridge"
  echo "phpcs: coding standard OK"
else
  echo "!!! SKIPPED phpcs: not installed (apt-get install php-codesniffer)" >&2
fi
phpunit --configuration phpunit.xml.dist
