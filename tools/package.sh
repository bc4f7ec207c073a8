#!/usr/bin/env bash
# Builds the deployment package: publishes the custom handler for linux-x64 (framework-dependent: the Functions image
# supplies the .NET runtime) and assembles the zip the Functions host expects:
#   host.json at the root, one folder per function holding its function.json, and the handler where host.json's
#   customHandler.description names it (defaultExecutablePath "dotnet", arguments ["Fulfilment.Functions.dll"]).
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

# The script root: host.json and each function folder come from the source tree, so the package holds exactly the
# functions that exist (publish may also have copied them; copying again keeps this step the single source of truth).
cp "$root/host.json" "$staging/host.json"
function_count=0
for function_json in "$project"/*/function.json; do
  name="$(basename "$(dirname "$function_json")")"
  mkdir -p "$staging/$name"
  cp "$function_json" "$staging/$name/function.json"
  function_count=$((function_count + 1))
done
if [ "$function_count" -eq 0 ]; then
  echo "No function.json found under $project" >&2
  exit 1
fi

# Never ship local settings (they hold local keys and connection strings) or IIS leftovers.
rm -f "$staging/local.settings.json" "$staging/web.config"

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
echo "Package: $output ($function_count functions)"
