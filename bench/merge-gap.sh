#!/usr/bin/env bash
# Times `dsl run` of a `merge every 1s hold 10m` job whose assets ($1, default 100) come back
# after 30 days away, three times, a fresh Release process each time (start-up and JIT
# included): every grid time of the gap is counted, each as skipped_missing. Beside it, as the
# baseline, the same job with `+ 0 * hour()` in its output, which reads the time and so has
# each grid time of the gap evaluated.
set -euo pipefail
cd "$(dirname "$0")/.."
assets=${1:-100}
dotnet build -c Release runtime/Dsl.Cli -v q -nologo >/dev/null
dir=$(mktemp -d)
cat > "$dir/gap.stream" <<'JOB'
job gap
settings { timezone "UTC" }
model M {
  ai P: double kW
  ai Q: double kvar
  ai S kVA
}
merge M every 1s hold 10m {
  S = sqrt(P ^ 2 + Q ^ 2)
}
JOB
sed 's/Q ^ 2)/Q ^ 2) + 0 * hour()/' "$dir/gap.stream" > "$dir/gap-each.stream"
start=1767225600000
for t in $start $((start + 1000)) $((start + 30 * 86400000)) $((start + 30 * 86400000 + 1000)); do
  for ((a = 0; a < assets; a++)); do
    for p in P Q; do
      printf '{"assetId":"a%d","modelId":"M","pointId":"%s","time":%d,"value":3}\n' "$a" "$p" "$t"
    done
  done
done > "$dir/in.jsonl"
dsl="dotnet runtime/Dsl.Cli/bin/Release/net10.0/dsl.dll"
for job in gap gap-each; do
  DSL_CACHE="$dir/cache" $dsl build "$dir/$job.stream" -o "$dir/build" >/dev/null   # compiled once, outside the timings
done
for _ in 1 2 3; do
  for job in gap gap-each; do
    DSL_CACHE="$dir/cache" /usr/bin/time -f "$job: %e s wall" $dsl run "$dir/$job.stream" --input "$dir/in.jsonl" --output /dev/null 2>&1 | grep wall
  done
done
rm -rf "$dir"
