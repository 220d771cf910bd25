#!/usr/bin/env bash
# A single-node Slurm on localhost for the sweep tests (tests/…/Sweeps/SlurmSweepTests.cs).
# Source this file, then: slurm_start (installs slurm-wlm and munge when missing, starts munged,
# slurmctld and slurmd, exports SLURM_CONF and ASM_SLURM_TEST=1) and slurm_stop (stops exactly
# the daemons slurm_start started and removes its state folder). Facts behind the config:
# ../shared/PLATFORM-NOTES.md ("Slurm on this machine"): no cgroups, no accounting.

SLURM_CI_DIR=""
SLURM_CI_PIDS=()

slurm_install() {
  if command -v slurmctld >/dev/null 2>&1 && command -v slurmd >/dev/null 2>&1 && command -v munged >/dev/null 2>&1; then
    return 0
  fi
  echo "slurm: installing slurm-wlm and munge"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y slurm-wlm munge >/dev/null 2>&1 \
    || { apt-get update >/dev/null 2>&1 && apt-get install -y slurm-wlm munge >/dev/null; }
}

# Waits up to $2 seconds for command $1 to succeed.
slurm_wait_for() {
  local i
  for ((i = 0; i < $2 * 2; i++)); do
    eval "$1" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  return 1
}

slurm_start() {
  slurm_install || { echo "slurm: could not install slurm-wlm and munge" >&2; return 1; }
  SLURM_CI_DIR=$(mktemp -d /tmp/asm-ci-slurm.XXXXXX)
  chmod 755 "$SLURM_CI_DIR"
  local dir=$SLURM_CI_DIR cpus
  cpus=$(nproc)
  mkdir -p "$dir/state" "$dir/spool" "$dir/log" "$dir/munge"
  chown munge:munge "$dir/munge"
  [ -f /etc/munge/munge.key ] || { mungekey --create >/dev/null 2>&1 || { dd if=/dev/urandom of=/etc/munge/munge.key bs=128 count=1 2>/dev/null; chown munge:munge /etc/munge/munge.key; chmod 400 /etc/munge/munge.key; }; }

  # munged on its own socket, so a munged the machine already runs is left alone.
  runuser -u munge -- /usr/sbin/munged --socket="$dir/munge/munge.socket" --pid-file="$dir/munge/munged.pid" \
    --log-file="$dir/munge/munged.log" --seed-file="$dir/munge/munged.seed" || { echo "slurm: munged did not start" >&2; return 1; }
  slurm_wait_for "[ -s '$dir/munge/munged.pid' ]" 10
  SLURM_CI_PIDS+=("$(cat "$dir/munge/munged.pid")")

  cat >"$dir/slurm.conf" <<CONF
ClusterName=asm-ci
SlurmctldHost=localhost
SlurmUser=root
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SlurmctldPort=16817
SlurmdPort=16818
NodeName=localhost NodeHostname=$(hostname) CPUs=$cpus RealMemory=2000 State=UNKNOWN
PartitionName=ci Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
  export SLURM_CONF="$dir/slurm.conf"
  slurmctld -c -f "$SLURM_CONF" || { echo "slurm: slurmctld did not start" >&2; return 1; }
  slurm_wait_for "[ -s '$dir/slurmctld.pid' ]" 10 && SLURM_CI_PIDS+=("$(cat "$dir/slurmctld.pid")")
  slurmd -f "$SLURM_CONF" || { echo "slurm: slurmd did not start" >&2; return 1; }
  slurm_wait_for "[ -s '$dir/slurmd.pid' ]" 10 && SLURM_CI_PIDS+=("$(cat "$dir/slurmd.pid")")
  if ! slurm_wait_for "sinfo -h -o %T | grep -qx idle" 60; then
    echo "slurm: the node did not become idle; sinfo says: $(sinfo 2>&1)" >&2
    tail -n 20 "$dir/log/slurmctld.log" "$dir/log/slurmd.log" >&2
    return 1
  fi
  export ASM_SLURM_TEST=1
  echo "slurm: single-node Slurm up ($(sinfo -h -o '%P %D %T %c cpus'); SLURM_CONF=$SLURM_CONF)"
}

slurm_stop() {
  local pid
  # Jobs first (their tasks are children of slurmstepd), then the daemons, newest first.
  [ -n "${SLURM_CONF:-}" ] && scancel --full --user "$(id -un)" >/dev/null 2>&1
  for ((i = ${#SLURM_CI_PIDS[@]} - 1; i >= 0; i--)); do
    pid=${SLURM_CI_PIDS[$i]}
    kill "$pid" 2>/dev/null && slurm_wait_for "! kill -0 $pid" 10 || kill -9 "$pid" 2>/dev/null
  done
  SLURM_CI_PIDS=()
  [ -n "$SLURM_CI_DIR" ] && rm -rf "$SLURM_CI_DIR"
  SLURM_CI_DIR=""
  unset ASM_SLURM_TEST
}
