#!/usr/bin/env bash
# Stop the cluster .ci/slurm-up.sh DIR started: its slurmd, slurmctld and munged, by their pid files,
# and remove its munge folder.
set -uo pipefail
dir="${1:?usage: $0 DIR}"
for pidfile in "$dir/slurmd.pid" "$dir/slurmctld.pid" "$dir/munge/munged.pid"; do
  if [[ -f "$pidfile" ]]; then
    pid="$(cat "$pidfile")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  fi
done
# the munge folder under /tmp that DIR/munge links to
if [[ -L "$dir/munge" ]]; then
  rm -rf "$(readlink -f "$dir/munge")" "$dir/munge"
fi
