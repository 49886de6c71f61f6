#!/usr/bin/env bash
# One SAMS-VAE training epoch on a Replogle-sized simulated count matrix (issue 11): cells/s and peak
# memory of `gexflow train-samsvae --epochs 1` with the paper's Replogle settings (latent 100, width 400,
# one layer, 5 particles, batch 512, Adam 3e-4), against the size of the sparse counts file and of the
# dense float64 copy a reader must not make.
#
#   bench/perturb_epoch.sh            # 681 treatments x 174 cells + controls (~119,000 cells) x 1,187 genes
#   bench/perturb_epoch.sh --quick    # 681 x 10 cells: checks the script in about a minute
#
# The simulation is `gexflow simulate --kind svae` (counts, one treatment per cell, test split held out),
# seeded; THREADS (default nproc) sets OMP_NUM_THREADS. Not part of `mvn verify`. KEEP=1 keeps the files.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cells=174
[[ "${1:-}" == "--quick" ]] && cells=10
export OMP_NUM_THREADS="${THREADS:-$(nproc)}"
gexflow="$root/bin/gexflow"
"$gexflow" --version >/dev/null
work="$(mktemp -d "${TMPDIR:-/tmp}/gexflow-perturb-epoch.XXXXXX")"
[[ "${KEEP:-0}" == 1 ]] && echo "work files: $work" >&2 || trap 'rm -rf "$work"' EXIT

/usr/bin/time -f '%M %e' -o "$work/sim.time" "$gexflow" simulate --kind svae --treatments 681 \
  --cells-per-treatment "$cells" --genes 1187 --latent 30 --controls 3 --seed 1 --out-dir "$work/sim" \
  >"$work/sim.log" 2>&1 || { cat "$work/sim.log" >&2; exit 1; }
read -r sim_kb sim_s <"$work/sim.time"
/usr/bin/time -f '%M %e' -o "$work/train.time" "$gexflow" train-samsvae --train "$work/sim/counts.arrow" --type samsvae \
  --latent 100 --width 400 --layers 1 --particles 5 --batch-size 512 --learning-rate 3e-4 --mask-prior 0.01 \
  --epochs 1 --seed 1 --out-dir "$work/model" >"$work/train.log" 2>&1 || { cat "$work/train.log" >&2; exit 1; }
read -r train_kb train_s <"$work/train.time"
python3 - "$work" "$sim_kb" "$sim_s" "$train_kb" "$train_s" <<'PY'
import json, os, re, sys
work, sim_kb, sim_s, train_kb, train_s = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
log = open(f"{work}/train.log").read()
m = re.search(r"epoch 1/1 .*\(([0-9.]+) s\)", log)
epoch_s = float(m.group(1)) if m else float("nan")
model = json.load(open(f"{work}/model/model.json"))
summary = model.get("summary", {})
cells = summary.get("train_cells") or summary.get("train_samples")
size = os.path.getsize(f"{work}/sim/counts.arrow")
import pyarrow as pa
with pa.memory_map(f"{work}/sim/counts.arrow") as src:
    t = pa.ipc.open_file(src).read_all()
n_cells = t.num_rows
genes = 1187
print(f"| cells | genes | counts.arrow | dense float64 copy | simulate | train-samsvae 1 epoch | train cells/s | peak RSS train |")
print(f"|---|---|---|---|---|---|---|---|")
rate = (cells / epoch_s) if cells and epoch_s == epoch_s else float('nan')
print(f"| {n_cells:,} | {genes:,} | {size / 1e6:.0f} MB | {n_cells * genes * 8 / 1e6:.0f} MB | {sim_s:.0f} s, {sim_kb // 1024} MB | "
      f"{epoch_s:.1f} s epoch ({train_s:.0f} s process, {cells} training cells) | {rate:.0f} | {train_kb // 1024} MB |")
PY
