#!/usr/bin/env bash
# End-to-end test of `nuxe scan --slurm` on a real one-node Slurm cluster on localhost (not part of `dotnet test`).
#
# Installs Slurm from the Debian packages (slurm-wlm, munge), configures slurmctld + slurmd on this machine (no systemd
# needed: the daemons are started directly), builds nuxe, submits a scan as TASKS (default 8) array tasks plus the
# dependent merge job, waits, checks `nuxe scan status`, compares the merged scan.csv/scan.parquet byte for byte with a
# single-process run, then deletes one shard's chunks and lets `nuxe scan status` resubmit it (and a new merge) and
# compares again. Needs root (apt-get, daemons). Exit 0 = all checks passed.
#
#   sudo tests/cluster/slurm-local.sh            # WORK=/tmp/nuxe-slurm-local TASKS=8 by default
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${WORK:-/tmp/nuxe-slurm-local}
TASKS=${TASKS:-8}
SCAN_ARGS=(${SCAN_ARGS:-linkxu-C --model nsi-all --param epsL_ee=-0.05:0.05:41 --param epsL_emu=0:0.3:21 --fix epsL_etau --fix epsR_etau --fix epsR_emu})
log() { echo "[$(date -u +%H:%M:%S)] $*"; }
[ "$(id -u)" = 0 ] || { echo "slurm-local.sh needs root (apt-get, slurmctld, slurmd)"; exit 2; }

log "installing slurm-wlm and munge (apt-get)"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends slurm-wlm munge procps >/dev/null
log "$(slurmctld -V) / $(munged -V 2>&1 | head -1)"

log "starting munged"
mkdir -p /etc/munge /run/munge /var/lib/munge /var/log/munge
[ -s /etc/munge/munge.key ] || dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key status=none
chown -R munge:munge /etc/munge /run/munge /var/lib/munge /var/log/munge
chmod 400 /etc/munge/munge.key; chmod 755 /run/munge
pgrep -x munged >/dev/null || runuser -u munge -- /usr/sbin/munged --force
munge -n | unmunge >/dev/null && log "munge ok"

HOST=$(hostname -s)
CPUS=$(nproc)
MEM=$(awk '/MemTotal/{print int($2/1024*0.8)}' /proc/meminfo)
log "configuring a one-node cluster: $HOST, $CPUS CPUs, $MEM MB"
mkdir -p /etc/slurm /var/spool/slurmctld /var/spool/slurmd /var/log/slurm
cat > /etc/slurm/slurm.conf <<CONF
ClusterName=nuxe-local
SlurmctldHost=$HOST
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
NodeName=$HOST NodeAddr=127.0.0.1 CPUs=$CPUS RealMemory=$MEM State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
pkill -x slurmctld 2>/dev/null || true; pkill -x slurmd 2>/dev/null || true; sleep 1
slurmctld -c
slurmd
for i in $(seq 1 30); do
  state=$(sinfo -h -n "$HOST" -o %t 2>/dev/null || true)
  [ "$state" = idle ] && break
  [ "$state" = down ] || [ "$state" = "down*" ] && scontrol update nodename="$HOST" state=resume || true
  sleep 1
done
sinfo
[ "$(sinfo -h -n "$HOST" -o %t)" = idle ] || { echo "node not idle"; tail -20 /var/log/slurm/slurmd.log; exit 1; }

log "building nuxe into $WORK/bin"
rm -rf "$WORK"; mkdir -p "$WORK"
dotnet build "$REPO/src/NuXe.Cli" -c Release -o "$WORK/bin" -v q -nologo >/dev/null
NUXE="$WORK/bin/nuxe"

log "nuxe scan ${SCAN_ARGS[*]} --slurm $WORK/job --tasks $TASKS --submit"
"$NUXE" scan "${SCAN_ARGS[@]}" --slurm "$WORK/job" --tasks "$TASKS" --cpus-per-task 1 --time 00:30:00 --submit | tee "$WORK/submit.txt"
echo "--- array.sbatch"; cat "$WORK/job/array.sbatch"; echo "--- merge.sbatch"; cat "$WORK/job/merge.sbatch"; echo "---"
wait_jobs() {
  for i in $(seq 1 900); do
    [ -z "$(squeue -h -o %i)" ] && return 0
    [ $((i % 10)) = 1 ] && squeue -o "%.14i %.10j %.8T %.10M %R" | sed 's/^/    /'
    sleep 2
  done
  echo "timeout waiting for jobs"; return 1
}
wait_jobs
log "jobs finished"
"$NUXE" scan status "$WORK/job" --no-resubmit
[ -f "$WORK/job/result/scan.csv" ] || { echo "merge job produced no result"; cat "$WORK/job/logs/merge.out" || true; exit 1; }
cat "$WORK/job/logs/merge.out"

log "single-process reference"
"$NUXE" scan "${SCAN_ARGS[@]}" --out "$WORK/single"
cmp "$WORK/job/result/scan.csv" "$WORK/single/scan.csv" && log "scan.csv: merged == single process (byte-identical, $(wc -l < "$WORK/single/scan.csv") lines)"
cmp "$WORK/job/result/scan.parquet" "$WORK/single/scan.parquet" && log "scan.parquet: merged == single process (byte-identical, $(stat -c %s "$WORK/single/scan.parquet") bytes)"

log "losing shard 3 and letting 'nuxe scan status' resubmit it"
rm -rf "$WORK/job/shards/shard-3" "$WORK/job/result"
"$NUXE" scan status "$WORK/job"
wait_jobs
"$NUXE" scan status "$WORK/job" --no-resubmit
cmp "$WORK/job/result/scan.csv" "$WORK/single/scan.csv" && log "after resubmission: scan.csv byte-identical again"
cmp "$WORK/job/result/scan.parquet" "$WORK/single/scan.parquet" && log "after resubmission: scan.parquet byte-identical again"
sacct >/dev/null 2>&1 || true
log "PASS"
