#!/usr/bin/env bash
# Streaming benchmark (the D-GEX issue's): CONVERT and NORMALIZE of a GEO-sized GCTX under -Xmx1g.
#
#   bench/streaming.sh            # 25,000 samples x 22,268 probes, float32: 2.2 GB (over 2 GiB)
#   SAMPLES=20000 HEAP=1g CHUNK=1000 NORMALIZE_ARGS=--no-quantile bench/streaming.sh
#
# 1. generates the GCTX streaming (bench/GenerateGctx.java with GctxStreamWriter, under the same heap),
# 2. reads it with h5py as a reference, whole (one array) and in chunks of CHUNK samples,
# 3. runs bin/gexflow convert, split and normalize on it with GEXFLOW_JAVA_OPTS=-Xmx$HEAP,
# and prints step, input size, peak RSS, wall time, samples/s and peak RSS / input size.
# Peak RSS: /usr/bin/time's maximum resident set size, or else the VmHWM of /proc/PID/status polled.
# Everything lives in a temporary directory (TMPDIR, or /tmp) that is removed at the end; it needs
# about 3x the GCTX size of free disk. The page cache is left as it is: the file just written is read
# warm. Not part of `mvn verify`.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
SAMPLES="${SAMPLES:-25000}"
PROBES="${PROBES:-22268}"
HEAP="${HEAP:-1g}"
CHUNK="${CHUNK:-1000}"
NORMALIZE_ARGS="${NORMALIZE_ARGS:-}"

if [[ ! -f "$root/target/gexflow.jar" || ! -d "$root/target/lib" ]]; then
  echo "building the tool ..." >&2
  mvn -B -q -f "$root/pom.xml" package -DskipTests >&2
fi
work="$(mktemp -d "${TMPDIR:-/tmp}/gexflow-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
results="$work/results.tsv"
: >"$results"

python=""
for p in /usr/bin/python3 python3; do
  if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import h5py, numpy' 2>/dev/null; then python="$p"; break; fi
done

# measure LABEL INPUT_FILE HEAP_LABEL CMD... : runs CMD, appends label, bytes, peak kB, seconds, heap
measure() {
  local label="$1" input="$2" heap="$3"; shift 3
  local bytes log="$work/${label// /_}.log"
  bytes="$(stat -c %s "$input")"
  echo "== $label" >&2
  if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -f '%M %e' -o "$work/time.txt" "$@" >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
    read -r kb secs <"$work/time.txt"
  else
    local start end pid hwm=0 v
    start="$(date +%s.%N)"
    "$@" >"$log" 2>&1 &
    pid=$!
    while kill -0 "$pid" 2>/dev/null; do
      v="$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)"
      [[ -n "$v" && "$v" -gt "$hwm" ]] && hwm="$v"
      sleep 0.2
    done
    wait "$pid" || { cat "$log" >&2; exit 1; }
    end="$(date +%s.%N)"
    kb="$hwm"
    secs="$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f", b - a}')"
  fi
  printf '%s\t%s\t%s\t%s\t%s\n' "$label" "$bytes" "$kb" "$secs" "$heap" >>"$results"
}

gctx="$work/bench.gctx"
java_opts=(-Xmx"$HEAP" -cp "$root/target/gexflow.jar:$root/target/lib/*")
# the generator's input is its own output: measured after the fact against the written file
echo "== generating $SAMPLES x $PROBES float32 GCTX in $work" >&2
if [[ -x /usr/bin/time ]]; then
  /usr/bin/time -f '%M %e' -o "$work/time.txt" java "${java_opts[@]}" "$root/bench/GenerateGctx.java" "$gctx" \
    "$SAMPLES" "$PROBES" >"$work/generate.log" 2>&1 || { cat "$work/generate.log" >&2; exit 1; }
  read -r kb secs <"$work/time.txt"
  printf '%s\t%s\t%s\t%s\t%s\n' "generate (GctxStreamWriter)" "$(stat -c %s "$gctx")" "$kb" "$secs" "$HEAP" >>"$results"
else
  java "${java_opts[@]}" "$root/bench/GenerateGctx.java" "$gctx" "$SAMPLES" "$PROBES" >"$work/generate.log" 2>&1
fi

if [[ -n "$python" ]]; then
  measure "h5py read whole" "$gctx" "-" "$python" "$root/bench/h5py_read.py" "$gctx" whole "$CHUNK"
  measure "h5py read by chunk" "$gctx" "-" "$python" "$root/bench/h5py_read.py" "$gctx" chunked "$CHUNK"
else
  echo "no python3 with h5py (apt-get install -y python3-h5py): reference rows skipped" >&2
fi

export GEXFLOW_JAVA_OPTS="-Xmx$HEAP"
arrow="$work/bench.arrow"
measure "convert" "$gctx" "$HEAP" "$root/bin/gexflow" convert --input "$gctx" --out "$arrow" --chunk-samples "$CHUNK"
measure "split" "$arrow" "$HEAP" "$root/bin/gexflow" split --input "$arrow" --out "$work/split.tsv"
# shellcheck disable=SC2086
measure "normalize${NORMALIZE_ARGS:+ $NORMALIZE_ARGS}" "$arrow" "$HEAP" "$root/bin/gexflow" normalize --input "$arrow" \
  --split "$work/split.tsv" --out-dir "$work/norm" $NORMALIZE_ARGS

echo
echo "gexflow streaming benchmark: $SAMPLES samples x $PROBES probes, float32, chunks of $CHUNK samples"
echo "host: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo) RAM; $(java -version 2>&1 | head -1)"
echo
awk -F'\t' -v samples="$SAMPLES" '
  BEGIN {
    printf "| %-28s | %-5s | %10s | %10s | %9s | %10s | %14s |\n", "step", "heap", "input", "peak RSS", "wall", "samples/s", "RSS / input"
    printf "|%s|%s|%s|%s|%s|%s|%s|\n", "------------------------------", "-------", "------------", "------------", "-----------", "------------", "----------------"
  }
  {
    mb = $2 / 1e6; rss = $3 / 1024; secs = $4 + 0
    printf "| %-28s | %-5s | %7.0f MB | %7.0f MB | %7.1f s | %10.0f | %14.2f |\n", $1, $5, mb, rss, secs, (secs > 0 ? samples / secs : 0), ($3 * 1024) / $2
  }' "$results"
echo
echo "peak RSS includes the JVM (heap, direct buffers, code) and page-cache pages of memory-mapped reads;"
echo "h5py rows are a reference reader of the same file (whole: one numpy array; by chunk: $CHUNK samples at a time)."
