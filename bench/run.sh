#!/usr/bin/env bash
# End-to-end performance run: builds in Release, generates seeded telemetry, runs the
# BenchmarkDotNet classes (each reports ratios against its baseline, measured in the same run)
# and times the real processes: `dsl run` on NDJSON next to a parse-only pass over the same file,
# and a cold `dsl build`. Results go to bench/BenchmarkDotNet.Artifacts/ (BenchmarkDotNet tables) and stdout.
#
#   bench/run.sh                 everything (about 20 minutes on 2 cores)
#   bench/run.sh --smoke         every benchmark body once on small inputs (seconds)
#   bench/run.sh --quick         only the process timings (e2e, compile, memory)
#   ASSETS=5000 MINUTES=120 bench/run.sh --quick
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
assets="${ASSETS:-2000}"
minutes="${MINUTES:-180}"
out="$root/bench/BenchmarkDotNet.Artifacts"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "== machine"
echo "nproc: $(nproc)"
lscpu | grep -E '^Model name' || true
free -g | awk '/^Mem:/ { print "memory: " $2 " GB" }'
dotnet --version

echo "== build (Release)"
dotnet build bench/Dsl.Benchmarks -c Release -v q -nologo | grep -E 'error|Warn|Elapsed' || true
dotnet build runtime/Dsl.Cli -c Release -v q -nologo | grep -E 'error|Elapsed' || true
bench=(dotnet "$root/bench/Dsl.Benchmarks/bin/Release/net10.0/Dsl.Benchmarks.dll")
dsl=(dotnet "$root/runtime/Dsl.Cli/bin/Release/net10.0/dsl.dll")

if [[ "${1:-}" == "--smoke" ]]; then
  exec "${bench[@]}" --smoke
fi

echo "== generate: $assets assets x $minutes minutes x 3 points"
"${bench[@]}" generate --assets "$assets" --minutes "$minutes" --seed 1 --output "$work/telemetry.jsonl"

echo "== (d) dsl run end to end vs parse-only, same file (best of 3 each)"
"${bench[@]}" parse "$work/telemetry.jsonl"
records=$((assets * minutes * 3))
best=""
for _ in 1 2 3; do
  start=$(date +%s.%N)
  DSL_CACHE="$work/cache" "${dsl[@]}" run examples/wind-farm/turbine_kpis.stream \
    --input "$work/telemetry.jsonl" --output "$work/out.jsonl" 2> "$work/run.err"
  end=$(date +%s.%N)
  t=$(echo "$end - $start" | bc -l)
  if [[ -z "$best" ]] || (( $(echo "$t < $best" | bc -l) )); then best=$t; fi
done
tail -1 "$work/run.err"
printf 'dsl run (process, compile cached after the first): %d records in %.3f s = %.2f M records/s\n' \
  "$records" "$best" "$(echo "$records / $best / 1000000" | bc -l)"

echo "== (d) in one process: parse-only, dsl run's path on two threads and on one (best of 5)"
"${bench[@]}" endtoend "$work/telemetry.jsonl" 5

echo "== (e) cold dsl build (new process, empty assembly cache)"
for job in examples/wind-farm/turbine_kpis.stream examples/solar-inverters/inverter_energy.stream examples/revenue-metering/revenue_metering.stream; do
  rm -rf "$work/cache" "$work/build"
  start=$(date +%s.%N)
  DSL_CACHE="$work/cache" "${dsl[@]}" build "$job" --output "$work/build" > /dev/null
  end=$(date +%s.%N)
  printf 'cold dsl build %s: %.0f ms\n' "$job" "$(echo "($end - $start) * 1000" | bc -l)"
done

echo "== (e) warm compile in process"
"${bench[@]}" compile 20

echo "== (g) memory per open window key"
"${bench[@]}" memory --keys 200000

if [[ "${1:-}" == "--quick" ]]; then
  exit 0
fi

echo "== BenchmarkDotNet: (a)-(c) rules, (d) in process, (e) warm compile, (f) state"
mkdir -p "$out"
"${bench[@]}" --filter '*RuleBenchmarks*' '*EndToEndBenchmarks*' '*CompileBenchmarks*' '*ThroughputBenchmarks*' \
  '*CheckpointBenchmarks*' '*RecoveryBenchmarks*' --artifacts "$out"
echo "tables: $out/results"
