#!/usr/bin/env bash
# Times `dsl run` of hopping windows over generated telemetry (10,000 assets, a record a minute
# each, 20 minutes: 200k active-power records), a fresh Release process each time, with its peak
# memory: `hopping 30m step 1m` (30 windows a record, one record a pane), `hopping 24h step 5m`
# (288 windows a record). With BASELINE=DIR (a folder holding another build's dsl.dll), each run
# alternates with the same run of that build, so that the two are compared in the same minutes.
# STATE_MB=N adds `--state DIR --state-memory N` (FASTER, with state spilling to disk when small).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-2}
dotnet build -c Release runtime/Dsl.Cli -v q -nologo >/dev/null
dotnet build -c Release bench/Dsl.Benchmarks -v q -nologo >/dev/null
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
dotnet bench/Dsl.Benchmarks/bin/Release/net10.0/Dsl.Benchmarks.dll generate --assets 10000 --minutes 20 --output "$dir/in.jsonl" >/dev/null
for window in "30m step 1m" "24h step 5m"; do
  name=hop-${window// /-}
  cat > "$dir/$name.stream" <<JOB
job hop
settings { timezone "UTC" }
model WindTurbine {
  ai ActivePower: double kW
  ai PowerAvg kW
  ai PowerMax kW
}
aggregate WindTurbine window hopping $window {
  PowerAvg = avg(ActivePower)
  PowerMax = max(ActivePower)
}
JOB
done
builds=("runtime/Dsl.Cli/bin/Release/net10.0")
[[ -n "${BASELINE:-}" ]] && builds+=("$BASELINE")
for job in "$dir"/hop-*.stream; do
  for build in "${builds[@]}"; do
    DSL_CACHE="$dir/cache" dotnet "$build/dsl.dll" build "$job" -o "$dir/build" >/dev/null 2>&1   # compiled once, outside the timings
  done
  for ((i = 0; i < runs; i++)); do
    for build in "${builds[@]}"; do
      state=()
      [[ -n "${STATE_MB:-}" ]] && { rm -rf "$dir/state"; state=(--state "$dir/state" --state-memory "$STATE_MB"); }
      DSL_CACHE="$dir/cache" /usr/bin/time -f "$(basename "$job" .stream) $build: %e s wall, %M KB peak" \
        dotnet "$build/dsl.dll" run "$job" --input "$dir/in.jsonl" --output "$dir/out.jsonl" "${state[@]}" 2>&1 | grep wall
    done
  done
done
