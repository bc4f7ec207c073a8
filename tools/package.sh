#!/usr/bin/env bash
# Builds the deployment package: `dotnet publish` of the isolated worker app for linux-x64 (framework-dependent: the
# Functions image supplies the .NET runtime), zipped as is. The publish output is what the Functions host runs:
#   host.json, worker.config.json (dotnet Fulfilment.Functions.dll), functions.metadata, extensions.json and
#   .azurefunctions/ (the host-side queue extension the SDK builds), and the worker with its dependencies.
# Usage: tools/package.sh [output.zip]          (default: artifacts/fulfilment-functions.zip)
# PACKAGE_ARTIFACTS_PATH sets where dotnet keeps obj/bin (default: artifacts/package-build), so the package build never
# touches the source folders' obj/bin.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
output="${1:-$root/artifacts/fulfilment-functions.zip}"
case "$output" in /*) ;; *) output="$PWD/$output" ;; esac
build_path="${PACKAGE_ARTIFACTS_PATH:-$root/artifacts/package-build}"
project="$root/functions/Fulfilment.Functions"

staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT

echo "Publishing $project (Release, linux-x64, framework-dependent)..."
dotnet publish "$project" -c Release -r linux-x64 --self-contained false \
  --artifacts-path "$build_path" -o "$staging" -nologo -v quiet

for required in host.json worker.config.json functions.metadata extensions.json Fulfilment.Functions.dll; do
  if [ ! -f "$staging/$required" ]; then
    echo "The publish output lacks $required: it is not a Functions deployment." >&2
    exit 1
  fi
done
# Never ship local settings (they hold local keys and connection strings) or IIS leftovers.
rm -f "$staging/local.settings.json" "$staging/local.settings.sample.json" "$staging/web.config"

mkdir -p "$(dirname "$output")"
rm -f "$output"
if command -v zip >/dev/null 2>&1; then
  (cd "$staging" && zip -q -r -X "$output" .)
else
  python3 - "$staging" "$output" <<'PY'
import os, sys, zipfile
src, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for folder, _, files in os.walk(src):
        for f in files:
            full = os.path.join(folder, f)
            z.write(full, os.path.relpath(full, src))
PY
fi
echo "Package: $output"
