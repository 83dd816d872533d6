#!/usr/bin/env bash
# Times `dsl check` on a generated job of about 5,000 lines (or $1 lines), three times, as a
# user runs it: a fresh Release process each time, start-up and JIT included.
set -euo pipefail
cd "$(dirname "$0")/.."
lines=${1:-5000}
for project in runtime/Dsl.Cli bench/Dsl.Benchmarks; do dotnet build -c Release "$project" -v q -nologo >/dev/null; done
job=$(mktemp -d)/large.stream
dotnet bench/Dsl.Benchmarks/bin/Release/net10.0/Dsl.Benchmarks.dll large-job "$lines" > "$job"
echo "$(wc -l < "$job") lines"
for _ in 1 2 3; do
  /usr/bin/time -f "%e s wall, %M KB max RSS" dotnet runtime/Dsl.Cli/bin/Release/net10.0/dsl.dll check "$job"
done
