#!/usr/bin/env bash
# Latent and target recovery of the perturbation track's models on its bundled simulation, over seeds
# (issues 11 and 12): the test profile's TRAIN_PERTURB and EVALUATE_PERTURB steps run directly (the same
# verbs and flags that conf/modules.config builds from the perturb_* params of conf/test.config, read from
# there), once per seed, then one table model x seed of MCC (Pearson) / target F1 / oracle-threshold F1 (models
# without masks) and the means.
#
#   bench/perturb_recovery.sh                  # seeds 1 2 3, every model of perturb_models
#   SEEDS="1 2 3 4 5" bench/perturb_recovery.sh
#   MODELS="svae+ vae" DATA=/tmp/sim bench/perturb_recovery.sh   # a subset, another simulation folder
#   SET="perturb_svae_epochs=200 perturb_svae_learning_rate=5e-3" bench/perturb_recovery.sh   # override params
#
# Work files live in a temporary directory removed at the end (KEEP=1 keeps it and prints where).
# Not part of `mvn verify`: a benchmark, whose table is the evidence of the issues' closing notes.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
SEEDS="${SEEDS:-1 2 3}"
gexflow="$root/bin/gexflow"

# a param's value: SET first, then conf/test.config, then nextflow.config (first assignment of the name)
param() {
  local name="$1" kv v
  for kv in ${SET:-}; do
    [[ "${kv%%=*}" == "$name" ]] && { printf '%s' "${kv#*=}"; return; }
  done
  for f in "$root/conf/test.config" "$root/nextflow.config"; do
    v="$(sed -n -E "s/^[[:space:]]*${name}[[:space:]]*=[[:space:]]*//p" "$f" | head -n 1)"
    if [[ -n "$v" ]]; then
      v="${v%%//*}"; v="${v%"${v##*[![:space:]]}"}"; v="${v#\'}"; v="${v%\'}"; v="${v#\"}"; v="${v%\"}"
      printf '%s' "${v//\$\{projectDir\}/$root}"
      return
    fi
  done
  echo "perturb_recovery.sh: no param $name in conf/test.config or nextflow.config" >&2
  exit 2
}

DATA="${DATA:-$(param perturb_data)}"
MODELS="${MODELS:-$(param perturb_models | tr ',' ' ')}"
[[ -f "$DATA/truth.json" ]] || { echo "perturb_recovery.sh: $DATA is not a simulation folder (no truth.json)" >&2; exit 2; }

work="$(mktemp -d /tmp/perturb_recovery.XXXXXX)"
if [[ "${KEEP:-0}" == 1 ]]; then echo "work files: $work" >&2; else trap 'rm -rf "$work"' EXIT; fi

svae_args() {
  echo "--split train --latent-dim $(param perturb_svae_latent) --hidden-units $(param perturb_svae_width)" \
    "--epochs $(param perturb_svae_epochs) --kl-warmup-epochs $(param perturb_svae_kl_warmup)" \
    "--batch-size $(param perturb_svae_batch_size) --learning-rate $(param perturb_svae_learning_rate)"
}
sams_args() {
  local guide=''
  [[ "$1" == samsvae ]] && guide="--guide $(param perturb_guide)"
  echo "--type $1 $guide --latent $(param perturb_latent) --width $(param perturb_width) --layers $(param perturb_layers)" \
    "--mask-prior $(param perturb_mask_prior) --particles $(param perturb_particles)" \
    "--learning-rate $(param perturb_learning_rate) --weight-decay $(param perturb_weight_decay)" \
    "--batch-size $(param perturb_batch_size) --epochs $(param perturb_epochs) --grad-clip $(param perturb_grad_clip)" \
    "--patience $(param perturb_patience)"
}

start=$SECONDS
for seed in $SEEDS; do
  models=()
  for m in $MODELS; do
    id="${m//+/_plus}"
    case "$m" in
      samsvae|cpavae|cvae) family=samsvae; args="$(sams_args "$m")" ;;
      *) family="$m"; args="$(svae_args)" ;;
    esac
    # shellcheck disable=SC2086
    "$gexflow" train --family "$family" --train "$DATA/counts.arrow" $args --seed "$seed" \
      --out-dir "$work/s$seed/$id" > "$work/s$seed.$id.log" 2>&1 \
      || { echo "perturb_recovery.sh: training $m (seed $seed) failed, see $work/s$seed.$id.log" >&2; KEEP=1; exit 1; }
    models+=(--model "$id=$work/s$seed/$id")
  done
  "$gexflow" evaluate-perturb --data "$DATA" "${models[@]}" --iwelbo-particles "$(param perturb_iwelbo_particles)" \
    --ate-samples "$(param perturb_ate_samples)" --seed "$seed" --out-dir "$work/s$seed/eval" > "$work/s$seed.eval.log" 2>&1
done

echo "data: $DATA; models: $MODELS; seeds: $SEEDS; ${SET:+overrides: $SET; }$((SECONDS - start)) s"
python3 - "$work" $SEEDS <<'EOF'
import json, sys
work, seeds = sys.argv[1], sys.argv[2:]
runs = {s: json.load(open(f"{work}/s{s}/eval/metrics.json"))["models"] for s in seeds}
names = [n for n in runs[seeds[0]] if "recovery" in runs[seeds[0]][n]]
# F1 oracle: models without masks only, the F1 of the best single threshold on |mean effect| (chosen with the truth)
keys = [("mcc_pearson", "MCC"), ("mcc_spearman", "MCC-Sp"), ("target_f1", "F1"), ("target_f1_oracle", "F1 oracle"),
        ("target_precision", "P"), ("target_recall", "R")]
print("| model | " + " | ".join(f"seed {s} MCC / F1 / F1 oracle" for s in seeds) + " | mean " + " | mean ".join(k[1] for k in keys) + " |")
print("|---" * (2 + len(seeds) + len(keys) - 1) + "|")
for n in names:
    rec = [runs[s][n]["recovery"] for s in seeds]
    fmt = lambda v: "-" if v is None else f"{v:.3f}"  # the conditional VAE has no target graph, masked models no oracle
    cells = [f"{fmt(r.get('mcc_pearson'))} / {fmt(r.get('target_f1'))} / {fmt(r.get('target_f1_oracle'))}" for r in rec]
    means = [None if any(k not in r for r in rec) else sum(r[k] for r in rec) / len(rec) for k, _ in keys]
    print(f"| {n} | " + " | ".join(cells) + " | " + " | ".join(fmt(m) for m in means) + " |")
EOF
