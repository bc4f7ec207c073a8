#!/usr/bin/env bash
# Installs Azurite (pinned in package.json) into tools/azurite/node_modules if it is not there yet.
# Idempotent and quick when already installed; fails loudly otherwise.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
entry="$here/node_modules/azurite/dist/src/azurite.js"

if [[ -f "$entry" ]]; then
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "ERROR: npm is not on PATH; Node.js (with npm) is needed to install Azurite for the tests." >&2
  exit 1
fi

echo "Installing Azurite into $here/node_modules ..." >&2
cd "$here"
if [[ -f package-lock.json ]]; then
  npm ci --no-audit --no-fund --loglevel=error >&2
else
  npm install --no-audit --no-fund --loglevel=error >&2
fi

if [[ ! -f "$entry" ]]; then
  echo "ERROR: npm finished but $entry is missing; Azurite is not installed." >&2
  exit 1
fi
echo "Azurite installed: $(node -p "require('$here/node_modules/azurite/package.json').version")" >&2
