#!/usr/bin/env bash
# Start a one-node SLURM cluster on this machine (as root), for the pipeline's SLURM test and for
# trying -profile slurm by hand. Usage: .ci/slurm-up.sh DIR   then   export SLURM_CONF=DIR/slurm.conf
# Stop it with .ci/slurm-down.sh DIR. Installs Debian's slurmctld slurmd slurm-client munge if missing.
# State, spool, pid and log files live under DIR (munge's key and socket in /tmp/gexflow-munge.*,
# linked as DIR/munge); ports come from SLURMCTLD_PORT / SLURMD_PORT (6817 / 6818), so a second
# cluster on the same machine can use others.
set -euo pipefail
dir="${1:?usage: $0 DIR}"
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
[[ "$(id -u)" == 0 ]] || { echo "slurm-up: needs root (it runs munged, slurmctld and slurmd)" >&2; exit 1; }
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null \
    || ! command -v munged >/dev/null; then
  echo "slurm-up: installing slurmctld slurmd slurm-client munge" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2
  apt-get install -y -q --no-install-recommends slurmctld slurmd slurm-client munge >&2
fi
ctld_port="${SLURMCTLD_PORT:-6817}"
slurmd_port="${SLURMD_PORT:-6818}"
cpus="$(nproc)"
mem_mb="$(awk '/^MemTotal:/ { printf "%d", $2 / 1024 * 0.8 }' /proc/meminfo)"

# munge: a fresh key of 1,024 random bytes, readable only by the munge user, and its own socket, in a
# folder of its own under /tmp: munged runs as munge, which may not traverse DIR's parents (a test's
# private temporary folder); DIR/munge links to it and slurm-down.sh removes it
mkdir -p "$dir/state" "$dir/spool" "$dir/log"
rm -rf "$dir/munge"
mungedir="$(mktemp -d /tmp/gexflow-munge.XXXXXX)"
chown munge:munge "$mungedir"
chmod 755 "$mungedir"
ln -s "$mungedir" "$dir/munge"
head -c 1024 /dev/urandom > "$mungedir/munge.key"
chown munge:munge "$mungedir/munge.key"
chmod 400 "$mungedir/munge.key"
socket="$mungedir/munge.socket"
runuser -u munge -- munged --key-file="$mungedir/munge.key" --socket="$socket" \
  --pid-file="$mungedir/munged.pid" --log-file="$mungedir/munged.log" --seed-file="$mungedir/munged.seed"

cat > "$dir/slurm.conf" <<CONF
# one-node cluster written by .ci/slurm-up.sh
ClusterName=gexflow
SlurmctldHost=localhost
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
AuthType=auth/munge
AuthInfo=socket=$socket
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
SchedulerType=sched/backfill
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ReturnToService=2
MpiDefault=none
JobCompType=jobcomp/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
NodeName=localhost CPUs=$cpus RealMemory=$mem_mb State=UNKNOWN
PartitionName=main Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$dir/slurm.conf"
slurmctld -f "$SLURM_CONF"
slurmd -f "$SLURM_CONF"
# ready when the node takes jobs
for _ in $(seq 1 60); do
  if sinfo -h -N -o '%T' 2>/dev/null | grep -q -E '^(idle|mixed|allocated)'; then
    echo "slurm-up: one-node cluster up ($cpus CPUs, ${mem_mb} MB): export SLURM_CONF=$SLURM_CONF" >&2
    exit 0
  fi
  sleep 1
done
echo "slurm-up: the node did not become idle in 60 s; logs in $dir/log" >&2
sinfo -N -l >&2 || true
tail -n 20 "$dir/log/slurmctld.log" "$dir/log/slurmd.log" >&2 || true
exit 1
