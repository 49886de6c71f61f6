#!/usr/bin/env bash
# gexflow against the tools a user would run instead, side by side in one run (issue 14).
#
#   bench/run.sh            # paper-scale rows (OLS/ridge 20,000 x 943 -> 4,760; ~15-25 min on 2 cores)
#   bench/run.sh --quick    # smaller sizes, under 5 minutes
#   ROWS="ols ridge" bench/run.sh --quick   # a subset of rows: ols ridge dgex normalize convert startup
#   (with a GPU visible, the dgex row adds a GPU section: 943 -> 9000x3 -> 9,520 per epoch, projected to 200 epochs)
#   BEFORE=/path/to/older/checkout bench/run.sh   # adds train-lr rows run with that checkout's built jar
#
# Installs the references if missing (pip: scikit-learn numpy h5py pyarrow torch; else Debian's
# python3-sklearn python3-h5py python3-torch), prints their versions, generates the data, runs each
# row for both tools with the same thread count (THREADS, default nproc: OMP/MKL/OPENBLAS_NUM_THREADS),
# and prints one table (work, gexflow, reference, ratio = reference time / gexflow time, peak RSS of
# each whole process from /usr/bin/time, agreement of the answers), also written to
# bench/results/<date>-<cpu>.md. Data live in a temporary directory removed at the end (KEEP=1 keeps it).
# Not part of `mvn verify`.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
refs="$root/bench/refs"
quick=0
[[ "${1:-}" == "--quick" ]] && quick=1
ROWS="${ROWS:-ols ridge dgex normalize convert startup}"
THREADS="${THREADS:-$(nproc)}"
export OMP_NUM_THREADS="$THREADS" MKL_NUM_THREADS="$THREADS" OPENBLAS_NUM_THREADS="$THREADS"
PYTHON="${PYTHON:-python3}"
if ((quick)); then
  N_TRAIN=3000; N_VALID=1000; N_OUT=2000; DGEX_TRAIN=300; DGEX_VALID=100
  NORM_SAMPLES=4000; NORM_GENES=5703; CONV_SAMPLES=4000; CONV_PROBES=22268
else
  N_TRAIN=20000; N_VALID=2000; N_OUT=4760; DGEX_TRAIN=4000; DGEX_VALID=500
  NORM_SAMPLES=10000; NORM_GENES=5703; CONV_SAMPLES=25000; CONV_PROBES=22268
fi
N_IN=943; DGEX_OUT=4760; LAYERS=3; UNITS=3000; BATCH=200

# --- references
if ! "$PYTHON" -c 'import sklearn, numpy, pyarrow, h5py, torch' 2>/dev/null; then
  echo "installing the references ..." >&2
  "$PYTHON" -m pip install -q scikit-learn numpy h5py pyarrow torch >&2 \
    || { apt-get install -y -q python3-sklearn python3-numpy python3-h5py python3-torch >&2 && PYTHON=/usr/bin/python3; } \
    || echo "could not install every reference; rows without theirs are skipped" >&2
fi
versions="$("$PYTHON" - <<'PY'
import importlib, platform
out = [f"python {platform.python_version()}"]
for m in ("numpy", "sklearn", "pyarrow", "h5py", "torch"):
    try:
        out.append(f"{m} {importlib.import_module(m).__version__}")
    except Exception:
        out.append(f"{m} missing")
print(", ".join(out))
PY
)"
has() { "$PYTHON" -c "import $1" 2>/dev/null; }
echo "references: $versions" >&2

# --- the tool (built before any timing)
"$root/bin/gexflow" --version >/dev/null
gexflow_version="$("$root/bin/gexflow" --version | head -1)"
java_version="$(java -version 2>&1 | head -1)"

if [[ -n "${BEFORE:-}" ]]; then
  # an older checkout, built (mvn -o package -DskipTests) beforehand
  before=(java --add-opens=java.base/java.nio=ALL-UNNAMED -Dai.djl.offline=true -Djava.awt.headless=true -jar "$BEFORE/target/gexflow.jar")
  before_rev="$(git -C "$BEFORE" rev-parse --short HEAD 2>/dev/null || cat "$BEFORE/REVISION" 2>/dev/null || echo "$BEFORE")"
fi
work="$(mktemp -d "${TMPDIR:-/tmp}/gexflow-bench.XXXXXX")"
[[ "${KEEP:-0}" == 1 ]] || trap 'rm -rf "$work"' EXIT
rows_md="$work/rows.md"
: >"$rows_md"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

# measure NAME CMD... : runs CMD under /usr/bin/time; sets SECS and RSS_MB (both "failed" when CMD fails,
# so that one failed row does not lose the others); the log is $work/NAME.log
measure() {
  local name="$1"; shift
  echo "== $name: $*" >&2
  if /usr/bin/time -f '%M %e' -o "$work/$name.time" "$@" >"$work/$name.log" 2>&1; then
    read -r kb SECS <"$work/$name.time"
    RSS_MB=$((kb / 1024))
    echo "   $SECS s, $RSS_MB MB" >&2
  else
    echo "   failed: $(tail -c 300 "$work/$name.time" "$work/$name.log" | tr '\n' ' ')" >&2
    SECS=failed; RSS_MB=failed
  fi
}
ratio() { awk -v r="$1" -v g="$2" 'BEGIN {if (r + 0 > 0 && g + 0 > 0) printf "%.2f", r / g; else printf "-"}'; }
row() { printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$@" >>"$rows_md"; }

if [[ " $ROWS " == *" ols "* || " $ROWS " == *" ridge "* ]]; then
  echo "== generating $N_TRAIN + $N_VALID samples x $N_IN -> $N_OUT" >&2
  mkdir -p "$work/lin"
  "$PYTHON" "$refs/make_regression_data.py" "$work/lin" "$N_TRAIN" "$N_VALID" "$N_IN" "$N_OUT"
fi
size="$N_TRAIN x $N_IN -> $N_OUT"
if [[ " $ROWS " == *" ols "* ]] && has sklearn; then
  measure ols_gexflow "$root/bin/gexflow" train-lr --train "$work/lin/train.arrow" --out-dir "$work/ols"
  g=$SECS; grss=$RSS_MB
  measure ols_sklearn "$PYTHON" "$refs/sklearn_linear.py" ols "$work/lin/train.arrow" "$work/ols.npy"
  check="$("$PYTHON" "$refs/compare_coefficients.py" "$work/ols" "$work/ols.npy" 2>/dev/null || echo -)"
  row "OLS, $size, whole processes" "train-lr ${g} s" "scikit-learn LinearRegression ${SECS} s" "$(ratio "$SECS" "$g")" \
    "${grss} MB" "${RSS_MB} MB" "$check"
  if [[ -n "${BEFORE:-}" ]]; then
    r=$SECS; rrss=$RSS_MB
    measure ols_before "${before[@]}" train-lr --train "$work/lin/train.arrow" --out-dir "$work/ols_before"
    row "OLS, same data, gexflow $before_rev" "train-lr ${SECS} s" "scikit-learn LinearRegression ${r} s" "$(ratio "$r" "$SECS")" \
      "${RSS_MB} MB" "${rrss} MB" "$("$PYTHON" "$refs/compare_coefficients.py" "$work/ols_before" "$work/ols.npy" 2>/dev/null || echo -)"
  fi
fi
if [[ " $ROWS " == *" ridge "* ]] && has sklearn; then
  measure ridge_gexflow "$root/bin/gexflow" train-lr --penalty l2 --train "$work/lin/train.arrow" --valid "$work/lin/valid.arrow" \
    --out-dir "$work/ridge"
  g=$SECS; grss=$RSS_MB
  measure ridge_sklearn "$PYTHON" "$refs/sklearn_linear.py" ridge "$work/lin/train.arrow" "$work/lin/valid.arrow" "$work/ridge.npy"
  ours="$(sed -n 's/.*lambda \([^ ]*\) chosen.*/\1/p' "$work/ridge_gexflow.log" || true)"
  theirs="$(sed -n 's/chose alpha //p' "$work/ridge_sklearn.log" || true)"
  check="$("$PYTHON" "$refs/compare_coefficients.py" "$work/ridge" "$work/ridge.npy" 2>/dev/null || echo -) (lambda $ours / $theirs)"
  row "ridge, 7 lambdas chosen on $N_VALID validation samples, $size, whole processes" "train-lr l2 ${g} s" \
    "scikit-learn Ridge, 7 fits ${SECS} s" "$(ratio "$SECS" "$g")" "${grss} MB" "${RSS_MB} MB" "$check"
  if [[ -n "${BEFORE:-}" ]]; then
    r=$SECS; rrss=$RSS_MB
    measure ridge_before "${before[@]}" train-lr --penalty l2 --train "$work/lin/train.arrow" --valid "$work/lin/valid.arrow" \
      --out-dir "$work/ridge_before"
    row "ridge, same data, gexflow $before_rev" "train-lr l2 ${SECS} s" "scikit-learn Ridge, 7 fits ${r} s" "$(ratio "$r" "$SECS")" \
      "${RSS_MB} MB" "${rrss} MB" "$("$PYTHON" "$refs/compare_coefficients.py" "$work/ridge_before" "$work/ridge.npy" 2>/dev/null || echo -)"
  fi
fi
if [[ " $ROWS " == *" dgex "* ]] && has torch; then
  mkdir -p "$work/dgex"
  "$PYTHON" "$refs/make_regression_data.py" "$work/dgex" "$DGEX_TRAIN" "$DGEX_VALID" "$N_IN" "$DGEX_OUT"
  measure dgex_gexflow "$root/bin/gexflow" train-dgex --train "$work/dgex/train.arrow" --valid "$work/dgex/valid.arrow" \
    --hidden-layers "$LAYERS" --hidden-units "$UNITS" --batch-size "$BATCH" --epochs 1 --out-dir "$work/dgex/model"
  grss=$RSS_MB
  gsec="$(sed -n 's/.*epoch 1\/1 .*(\([0-9.]*\) s).*/\1/p' "$work/dgex_gexflow.log")"
  measure dgex_torch "$PYTHON" "$refs/torch_dgex.py" "$work/dgex/train.arrow" "$work/dgex/valid.arrow" "$LAYERS" "$UNITS" "$BATCH"
  tsec="$(sed -n 's/^epoch \([0-9.]*\) s.*/\1/p' "$work/dgex_torch.log")"
  tver="$("$PYTHON" -c 'import torch; print(torch.__version__)')"
  rate() { awk -v n="$DGEX_TRAIN" -v s="$1" 'BEGIN {if (s + 0 > 0) printf "%.1f", n / s; else printf "failed"}'; }
  row "D-GEX $N_IN -> ${UNITS}x$LAYERS -> $DGEX_OUT, batch $BATCH, float32, one epoch of $DGEX_TRAIN incl. validation" \
    "$(rate "$gsec") samples/s" "PyTorch $tver $(rate "$tsec") samples/s" "$(ratio "$tsec" "$gsec")" "${grss} MB" "${RSS_MB} MB" \
    "valid-MAE $(sed -nE 's/.*valid[-_](MAE|mae) ([0-9.]+).*/\2/p' "$work/dgex_gexflow.log" | tail -1) / $(sed -n 's/.*valid-MAE \([0-9.]*\),.*/\1/p' "$work/dgex_torch.log")"
fi

# GPU section (issue 14): with a GPU visible, D-GEX 943 -> 9000x3 -> 9,520 (the paper's largest network) on the GPU,
# the second epoch's time, and that time projected to the paper's 200 epochs of 88,807 training samples; PyTorch
# on CUDA beside it when the installed torch sees the GPU (the pip CPU wheel does not: then "-")
if [[ " $ROWS " == *" dgex "* ]] && command -v nvidia-smi >/dev/null && nvidia-smi -L >/dev/null 2>&1; then
  GPU_TRAIN="${GPU_TRAIN:-$( ((quick)) && echo 2000 || echo 10000)}"
  mkdir -p "$work/gpu"
  "$PYTHON" "$refs/make_regression_data.py" "$work/gpu" "$GPU_TRAIN" 500 "$N_IN" 9520
  measure dgex_gpu_gexflow "$root/bin/gexflow" train-dgex --device gpu --train "$work/gpu/train.arrow" --valid "$work/gpu/valid.arrow" \
    --hidden-layers 3 --hidden-units 9000 --batch-size "$BATCH" --epochs 2 --out-dir "$work/gpu/model"
  grss=$RSS_MB
  gsec="$(sed -n 's/.*epoch 2\/2 .*(\([0-9.]*\) s).*/\1/p' "$work/dgex_gpu_gexflow.log")"
  tsec=""; trss="-"
  if "$PYTHON" -c 'import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)' 2>/dev/null; then
    measure dgex_gpu_torch env TORCH_DEVICE=cuda "$PYTHON" "$refs/torch_dgex.py" "$work/gpu/train.arrow" "$work/gpu/valid.arrow" 3 9000 \
      "$BATCH" 7 2
    tsec="$(sed -n 's/^epoch \([0-9.]*\) s.*/\1/p' "$work/dgex_gpu_torch.log" | tail -1)"; trss="${RSS_MB} MB"
  fi
  project() { awk -v s="$1" -v n="$GPU_TRAIN" 'BEGIN {if (s + 0 > 0) printf "%.2f h for 200 epochs of 88,807", s / n * 88807 * 200 / 3600; else printf "failed"}'; }
  row "GPU ($(nvidia-smi --query-gpu=name --format=csv,noheader | head -1)): D-GEX 943 -> 9000x3 -> 9520, batch $BATCH, second epoch of $GPU_TRAIN" \
    "${gsec:-failed} s/epoch ($(project "$gsec"))" "${tsec:+PyTorch CUDA $tsec s/epoch ($(project "$tsec"))}${tsec:--}" \
    "$(ratio "$tsec" "$gsec")" "${grss} MB" "$trss" "-"
fi
if [[ " $ROWS " == *" normalize "* ]] && has numpy; then
  mkdir -p "$work/norm"
  "$PYTHON" "$refs/make_expression_data.py" "$work/norm" "$NORM_SAMPLES" "$NORM_GENES"
  measure normalize_gexflow "$root/bin/gexflow" normalize --input "$work/norm/matrix.arrow" --split "$work/norm/split.tsv" \
    --out-dir "$work/norm/gexflow"
  g=$SECS; grss=$RSS_MB
  measure normalize_numpy "$PYTHON" "$refs/numpy_normalize.py" "$work/norm/matrix.arrow" "$work/norm/split.tsv" "$work/norm/numpy"
  check="$("$PYTHON" "$refs/compare_matrices.py" "$work/norm/gexflow" "$work/norm/numpy" train valid test 2>/dev/null || echo -)"
  row "normalize $NORM_SAMPLES x $NORM_GENES, quantile + z-score, Arrow in and out, whole processes" "normalize ${g} s" \
    "numpy $SECS s" "$(ratio "$SECS" "$g")" "${grss} MB" "${RSS_MB} MB" "$check"
fi
if [[ " $ROWS " == *" convert "* ]] && has h5py; then
  mkdir -p "$work/conv"
  java -cp "$root/target/gexflow.jar:$root/target/lib/*" "$root/bench/GenerateGctx.java" "$work/conv/m.gctx" \
    "$CONV_SAMPLES" "$CONV_PROBES" >"$work/generate.log" 2>&1 || { cat "$work/generate.log" >&2; exit 1; }
  measure convert_gexflow "$root/bin/gexflow" convert --input "$work/conv/m.gctx" --out "$work/conv/m.arrow" --chunk-samples 1000
  g=$SECS; grss=$RSS_MB
  measure convert_h5py "$PYTHON" "$refs/../h5py_read.py" "$work/conv/m.gctx" chunked 1000
  # the target is half of h5py's read throughput while also writing Arrow: ratio x 2 >= 1
  half="$(awk -v r="$SECS" -v g="$g" 'BEGIN {if (r + 0 > 0 && g + 0 > 0) printf "%.2f", 2 * r / g; else printf "-"}')"
  row "convert GCTX $CONV_SAMPLES x $CONV_PROBES float32 -> Arrow, whole processes (target: half of h5py's read rate)" \
    "convert ${g} s ($(awk -v n="$CONV_SAMPLES" -v s="$g" 'BEGIN {printf "%.0f", n / s}') samples/s)" \
    "h5py chunked read only ${SECS} s ($(awk -v n="$CONV_SAMPLES" -v s="$SECS" 'BEGIN {if (s + 0 > 0) printf "%.0f", n / s}') samples/s)" \
    "$(ratio "$SECS" "$g") (x2 = $half)" "${grss} MB" "${RSS_MB} MB" "-"
fi
if [[ " $ROWS " == *" startup "* ]]; then
  # start-up of one task's JVM: a verb that needs no engine (--version) and a tiny train-dgex (20 samples,
  # 1 epoch: JVM + DJL/Arrow/Jackson classes + PyTorch natives), with bin/gexflow's class-data sharing
  # archive and without it (GEXFLOW_CDS=0); the ratio is without / with
  mkdir -p "$work/start"
  "$PYTHON" "$refs/make_regression_data.py" "$work/start" 20 10 "$N_IN" 50 >/dev/null
  "$root/bin/gexflow" --version >/dev/null # makes the archive once, outside the timing
  tiny=(train-dgex --train "$work/start/train.arrow" --valid "$work/start/valid.arrow" --hidden-layers 1 --hidden-units 8 --epochs 1)
  for k in 1 2 3; do # interleaved, the median of three
    measure "startup_cds_$k" "$root/bin/gexflow" "${tiny[@]}" --out-dir "$work/start/cds$k"
    echo "$SECS" >>"$work/start/cds.txt"; crss=$RSS_MB
    measure "startup_nocds_$k" env GEXFLOW_CDS=0 "$root/bin/gexflow" "${tiny[@]}" --out-dir "$work/start/nocds$k"
    echo "$SECS" >>"$work/start/nocds.txt"; nrss=$RSS_MB
  done
  median() { sort -n "$1" | sed -n 2p; }
  c="$(median "$work/start/cds.txt")"; n="$(median "$work/start/nocds.txt")"
  measure startup_version "$root/bin/gexflow" --version
  row "start-up of a task: tiny \`train-dgex\` (JVM, classes, PyTorch natives), median of 3; \`--version\` ${SECS} s" \
    "with class-data sharing ${c} s" "without (GEXFLOW_CDS=0) ${n} s" "$(ratio "$n" "$c")" "${crss} MB" "${nrss} MB" "-"
fi

cpu="$(lscpu | sed -n 's/^Model name: *//p' | head -1)"
out_dir="$root/bench/results"
mkdir -p "$out_dir"
if ((quick)); then mode=" --quick"; suffix="-quick"; else mode=""; suffix=""; fi
out="$out_dir/$(date -u +%F)-$(echo "$cpu" | tr -cs 'A-Za-z0-9' '-' | sed 's/-$//')$suffix.md"
{
  echo "# bench/run.sh$mode"
  echo
  echo "$(date -u '+%F %H:%M UTC'), $cpu, $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB; $THREADS threads for both tools"
  echo "(OMP/MKL/OPENBLAS_NUM_THREADS=$THREADS); load average before $load_before, after $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "$gexflow_version, $java_version; references: $versions."
  echo
  echo "| work | gexflow | reference | ratio (ref time / gexflow time) | peak RSS gexflow | peak RSS reference | answers |"
  echo "|---|---|---|---|---|---|---|"
  cat "$rows_md"
  echo
  echo "answers: OLS and ridge, the largest over targets of |b_gexflow - b_ref| / |b_ref| (gexflow stores"
  echo "coefficients as float32; the reference fits in float64) and the lambdas chosen; D-GEX, both validation MAEs;"
  echo "normalize, the largest |difference| over every output value."
} >"$out"
cat "$out"
echo "written to ${out#"$root"/}" >&2
