#!/usr/bin/env bash
# The proof runs (README "Proof with figures"): the chaos run, the fuzz run and the benchmark, one after another.
#   tools/proof.sh          full sizes (chaos 1,000 orders / 20+ kills, fuzz 500 cases per target, benchmark 1,000 orders)
#   tools/proof.sh --ci     the reduced sizes CI runs (chaos 100 orders / 5 kills, fuzz 100 cases, benchmark 100 orders)
# Each run prints its own figures and ends with a one-line summary; this script repeats those lines at the end and exits
# non-zero when any run failed (a chaos or fuzz figure that must be 0 was not, or a run broke).
# Set PROOF_NO_BUILD=1 when the solution is already built in Release (CI builds it for the tests first).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

size=full
[[ "${1:-}" == "--ci" ]] && size=ci
seed="${PROOF_SEED:-$RANDOM}"
build=()
[[ "${PROOF_NO_BUILD:-0}" == "1" ]] && build=(--no-build)

if [[ $size == ci ]]; then
  chaos=(--orders 100 --kills 5 --seed "$seed")
  fuzz=(--cases 100 --seed "$seed")
  bench=(--orders 100 --stores 2 --floor-orders 200 --timeout-minutes 4 --no-output)
else
  chaos=(--seed "$seed")
  fuzz=(--cases 500 --seed "$seed")
  bench=(--orders 1000)
fi

tools/azurite/ensure.sh >/dev/null

summaries=()
status=0
run() {
  local name="$1"; shift
  local log; log="$(mktemp)"
  echo ""
  echo "======== $name: dotnet run --project tools/$name -c Release -- $* ========"
  local started=$SECONDS
  dotnet run --project "tools/$name" -c Release "${build[@]}" -- "$@" 2>&1 | tee "$log"
  local code=${PIPESTATUS[0]}
  local last; last="$(grep -v '^\s*$' "$log" | tail -1)"
  rm -f "$log"
  if [[ $code -ne 0 ]]; then
    status=1
    summaries+=("FAILED ($name, exit $code, $((SECONDS - started)) s): $last")
  else
    summaries+=("ok ($name, $((SECONDS - started)) s): $last")
  fi
}

run Chaos "${chaos[@]}"
run Fuzz "${fuzz[@]}"
run Benchmark "${bench[@]}"

echo ""
echo "======== proof runs ($size size, seed $seed) ========"
printf '%s\n' "${summaries[@]}"
[[ $status -ne 0 ]] && echo "!!!!!!!! PROOF RUNS FAILED !!!!!!!!" >&2
exit $status
