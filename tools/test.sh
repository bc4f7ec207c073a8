#!/usr/bin/env bash
# The test command (README and .ci/run): builds the solution, runs every test project, and prints, as its last line,
# "N passed, N failed" (", N skipped" when any were skipped) summed from the TRX result files.
# Exits non-zero if the build fails, any test fails, a test project reports no results, or no test ran at all.
# Extra arguments go to every `dotnet test`, e.g. tools/test.sh --filter "FullyQualifiedName~Storage".
# The integration tests start their own Azurite; this script only makes sure it is installed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
results="${TEST_RESULTS_DIR:-$root/TestResults/run}"
rm -rf "$results"
mkdir -p "$results"

fail() { echo "" >&2; echo "!!!!!!!! TESTS FAILED: $* !!!!!!!!" >&2; }

tools/azurite/ensure.sh

status=0
if ! dotnet build Serverless.sln -c Release; then
  fail "the build failed"
  echo "0 passed, 0 failed"
  exit 1
fi

# Test projects are run one at a time, each into its own results folder: TRX file names carry only a one-second
# timestamp, so two assemblies finishing in the same second of one solution-wide run would overwrite each other.
mapfile -t projects < <(dotnet sln Serverless.sln list | tr -d '\r' | grep -E '\.csproj$' | tr '\\' '/' | sort)
tested=0
for project in "${projects[@]}"; do
  grep -qE '<IsTestProject>\s*true|Microsoft\.NET\.Test\.Sdk' "$project" || continue
  tested=$((tested + 1))
  name="$(basename "$project" .csproj)"
  if ! dotnet test "$project" -c Release --no-build --logger "trx;LogFilePrefix=tests" --results-directory "$results/$name" "$@"; then
    status=1
  fi
  if ! compgen -G "$results/$name/*.trx" >/dev/null; then
    fail "$name wrote no test results"
    status=1
  fi
done
if [[ $tested -eq 0 ]]; then
  fail "no test project found in Serverless.sln"
  status=1
fi

# Sum the <Counters> of every TRX: skipped = total - executed; errors, timeouts and aborts count as failures.
if command -v node >/dev/null 2>&1; then
  read -r passed failed skipped < <(node -e '
    const fs = require("fs"), path = require("path");
    const files = [];
    (function walk(d) { for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p); else if (p.endsWith(".trx")) files.push(p);
    } })(process.argv[1]);
    let passed = 0, failed = 0, skipped = 0;
    for (const f of files) {
      const m = /<Counters\b([^>]*)>/.exec(fs.readFileSync(f, "utf8"));
      if (!m) { failed += 1; console.error("No <Counters> in " + f); continue; }
      const c = {};
      for (const [, k, v] of m[1].matchAll(/(\w+)="(\d+)"/g)) c[k] = Number(v);
      const n = k => c[k] || 0;
      passed += n("passed");
      failed += n("failed") + n("error") + n("timeout") + n("aborted");
      skipped += Math.max(0, n("total") - n("executed"));
    }
    console.log(passed, failed, skipped);
  ' "$results")
else
  read -r passed failed skipped < <(
    find "$results" -name '*.trx' -print0 | xargs -0 -r grep -ho '<Counters[^>]*>' |
      awk '{
        delete c
        for (i = 1; i <= NF; i++) if (match($i, /^[a-zA-Z]+="[0-9]+"/)) {
          split($i, kv, "="); gsub(/[^0-9]/, "", kv[2]); c[kv[1]] = kv[2] + 0
        }
        p += c["passed"]; f += c["failed"] + c["error"] + c["timeout"] + c["aborted"]; s += c["total"] - c["executed"]
      } END { print p + 0, f + 0, s + 0 }')
fi

if [[ $failed -gt 0 ]]; then
  fail "$failed test(s) failed"
  status=1
elif [[ $status -ne 0 ]]; then
  fail "dotnet test reported a failure (see above)"
fi
if [[ $((passed + failed)) -eq 0 ]]; then
  fail "no test ran"
  status=1
fi

summary="$passed passed, $failed failed"
[[ $skipped -gt 0 ]] && summary="$summary, $skipped skipped"
echo "$summary"
exit $status
