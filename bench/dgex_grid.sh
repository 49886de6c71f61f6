#!/usr/bin/env bash
# D-GEX training across the network sizes of issue 14's grid, gexflow against PyTorch, side by side (not part of
# `mvn verify`). For each size: the same generated data (make_regression_data.py), `train-dgex --epochs 2` and
# torch_dgex.py (same network, loss, SGD with momentum, per-epoch evaluation), both float32, batch 200, THREADS
# threads (default nproc). The times are of the SECOND epoch on both sides (gexflow: its log; PyTorch: a second
# timed epoch), so one-time costs (weight initialisation, the momentum buffers' first allocation, the engine's
# first-call set-up) are left out; ratio = PyTorch time / gexflow time (>= 1: gexflow is faster).
#
#   bench/dgex_grid.sh              # 4 sizes, 1,000 training samples each (~5-10 min on 2 cores)
#   SAMPLES=400 bench/dgex_grid.sh  # smaller
#   GEXFLOW="java -jar other.jar" bench/dgex_grid.sh   # another build (e.g. DJL 0.36 / PyTorch 2.7.1)
#
# Prints one table (markdown) and writes it to bench/results/<date>-<cpu>-dgex-grid.md.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
refs="$root/bench/refs"
THREADS="${THREADS:-$(nproc)}"
export OMP_NUM_THREADS="$THREADS" MKL_NUM_THREADS="$THREADS" OPENBLAS_NUM_THREADS="$THREADS"
PYTHON="${PYTHON:-python3}"
SAMPLES="${SAMPLES:-1000}"
VALID=200
BATCH=200
# landmarks hidden-units hidden-layers targets: the smallest of the paper's family up to its largest on 9,520 targets
SIZES="${SIZES:-978:1000:2:1000 943:2000:2:4760 943:3000:3:4760 943:3000:3:9520}"
read -r -a gexflow <<<"${GEXFLOW:-$root/bin/gexflow}"
"${gexflow[@]}" --version >/dev/null
"$PYTHON" -c 'import torch, pyarrow' || { echo "needs torch and pyarrow for $PYTHON (pip install torch pyarrow)" >&2; exit 1; }
work="$(mktemp -d "${TMPDIR:-/tmp}/gexflow-dgex-grid.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cpu="$(lscpu | sed -n 's/^Model name: *//p' | head -1)"
tver="$("$PYTHON" -c 'import torch; print(torch.__version__)')"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
rows=""
for size in $SIZES; do
  IFS=: read -r nin units layers nout <<<"$size"
  d="$work/$nin-$units-$layers-$nout"
  mkdir -p "$d"
  "$PYTHON" "$refs/make_regression_data.py" "$d" "$SAMPLES" "$VALID" "$nin" "$nout" >/dev/null
  echo "== $nin -> ${units}x$layers -> $nout" >&2
  /usr/bin/time -f '%M' -o "$d/g.rss" "${gexflow[@]}" train-dgex --train "$d/train.arrow" --valid "$d/valid.arrow" \
    --hidden-layers "$layers" --hidden-units "$units" --batch-size "$BATCH" --epochs 2 --out-dir "$d/model" >"$d/g.log" 2>&1
  g="$(sed -n 's/.*epoch 2\/2 .*(\([0-9.]*\) s).*/\1/p' "$d/g.log")"
  /usr/bin/time -f '%M' -o "$d/t.rss" "$PYTHON" "$refs/torch_dgex.py" "$d/train.arrow" "$d/valid.arrow" "$layers" "$units" \
    "$BATCH" 7 2 >"$d/t.log" 2>&1
  t="$(sed -n 's/^epoch \([0-9.]*\) s.*/\1/p' "$d/t.log" | tail -1)"
  r="$(awk -v t="$t" -v g="$g" 'BEGIN {if (t + 0 > 0 && g + 0 > 0) printf "%.2f", t / g; else printf "-"}')"
  rate() { awk -v n="$SAMPLES" -v s="$1" 'BEGIN {if (s + 0 > 0) printf "%.0f", n / s; else printf "failed"}'; }
  rows+="| $nin -> ${units}x$layers -> $nout | $(rate "$g") samples/s ($g s) | $(rate "$t") samples/s ($t s) | $r | $(( $(cat "$d/g.rss") / 1024 )) MB | $(( $(cat "$d/t.rss") / 1024 )) MB |"$'\n'
  echo "   gexflow $g s, PyTorch $t s, ratio $r" >&2
done
table="# bench/dgex_grid.sh

$(date -u '+%Y-%m-%d %H:%M UTC'), $cpu, $(nproc) cores; $THREADS threads for both; $SAMPLES training + $VALID validation
samples, batch $BATCH, float32, second epoch of each (incl. the per-epoch evaluation); load average before
$load_before, after $(cut -d' ' -f1-3 /proc/loadavg). gexflow: $("${gexflow[@]}" --version | head -1); PyTorch $tver.

| network | gexflow | PyTorch | ratio (PyTorch time / gexflow time) | peak RSS gexflow | peak RSS PyTorch |
|---|---|---|---|---|---|
$rows"
echo "$table"
mkdir -p "$root/bench/results"
echo "$table" >"$root/bench/results/$(date -u +%Y-%m-%d)-$(echo "$cpu" | tr -c 'A-Za-z0-9\n' '-' | sed 's/-\+/-/g; s/-$//')-dgex-grid.md"
