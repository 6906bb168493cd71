#!/usr/bin/env bash
# benchmarks/run.sh - runs the JMH suite (SHA-256 yardstick, Pithos transfers against the in-process
# emulator, the emulator's own block POST / ranged GET throughput) in ONE invocation, then prints the
# table of docs/benchmarks.md: MB/s, ratio to the yardstick, ratio to the sequential baseline, goals,
# and where the CPU went.
#
#   benchmarks/run.sh                          # full run: 1 GiB objects
#   BENCH_SIZE_MIB=256 benchmarks/run.sh       # quick run
#   benchmarks/run.sh -wi 1 -i 3               # extra arguments go to JMH (e.g. -prof stack, a regex)
#
# Settings (environment):
#   BENCH_SIZE_MIB  object size of the transfer benchmarks and bytes hashed by the yardstick (default 1024)
#   BENCH_OUT       output directory (default benchmarks/target/run-<timestamp>): results.json (JMH),
#                   cpu.tsv (per-operation CPU), jmh.log, load.tsv (machine load every 5 s), table.md
#   BENCH_DIR       where the benchmark files and emulator data go (default /dev/shm, else the temp dir)
#   BENCH_BUILD     1: rebuild benchmarks.jar first even if present
# Everything talks to 127.0.0.1 only.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAR=$ROOT/benchmarks/target/benchmarks.jar
SIZE=${BENCH_SIZE_MIB:-1024}
OUT=$(realpath -m "${BENCH_OUT:-$ROOT/benchmarks/target/run-$(date +%Y%m%d-%H%M%S)}")
mkdir -p "$OUT"

if [[ ! -f $JAR || ${BENCH_BUILD:-0} == 1 ]]; then
  (cd "$ROOT" && ./mvnw -B -o -q -pl benchmarks -am package -DskipTests)
fi

# Machine-wide busy cores (from /proc/stat) and load average every 5 s, to tell our own CPU from others'.
sample_load() {
  local prev_busy prev_total busy total idle
  read -r _ u n s i w x y z _ < /proc/stat
  prev_busy=$((u + n + s + x + y + z)); prev_total=$((prev_busy + i + w))
  echo -e "time\tload1\tbusy_cores"
  while sleep 5; do
    read -r _ u n s i w x y z _ < /proc/stat
    busy=$((u + n + s + x + y + z)); total=$((busy + i + w))
    awk -v b=$((busy - prev_busy)) -v t=$((total - prev_total)) -v c="$(nproc)" -v l="$(cut -d' ' -f1 /proc/loadavg)" \
      -v d="$(date +%T)" 'BEGIN { printf "%s\t%s\t%.2f\n", d, l, (t > 0 ? c * b / t : 0) }'
    prev_busy=$busy; prev_total=$total
  done
}
sample_load > "$OUT/load.tsv" &
SAMPLER=$!
trap 'kill "$SAMPLER" 2>/dev/null || true' EXIT

{
  echo "date: $(date -Is)"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "java: $(java -version 2>&1 | tr '\n' ' ')"
  echo "load before: $(cat /proc/loadavg)"
  echo "command: java -jar benchmarks/target/benchmarks.jar -p sizeMiB=$SIZE -rf json -rff $OUT/results.json" \
       "-jvmArgsAppend -Dbench.cpuLog=$OUT/cpu.tsv ${BENCH_DIR:+-Dbench.dir=$BENCH_DIR} $*"
} | tee "$OUT/machine.txt"

rm -f "$OUT/cpu.tsv"
java -jar "$JAR" -p sizeMiB="$SIZE" -rf json -rff "$OUT/results.json" \
  -jvmArgsAppend "-Dbench.cpuLog=$OUT/cpu.tsv${BENCH_DIR:+ -Dbench.dir=$BENCH_DIR}" "$@" 2>&1 | tee "$OUT/jmh.log"

echo "load after: $(cat /proc/loadavg)" | tee -a "$OUT/machine.txt"
awk -F'\t' 'NR > 1 { n++; l += $2; b += $3; if ($3 > m) m = $3 }
  END { if (n) printf "machine during the run: mean load1 %.2f, mean busy cores %.2f, max %.2f (%d samples)\n", l/n, b/n, m, n }' \
  "$OUT/load.tsv" | tee -a "$OUT/machine.txt"
echo
java -cp "$JAR" org.synnefo.reactive.benchmarks.Report "$OUT/results.json" "$OUT/cpu.tsv" | tee "$OUT/table.md"
echo "results in $OUT"
