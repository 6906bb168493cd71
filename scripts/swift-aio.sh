#!/usr/bin/env bash
# swift-aio.sh - a one-node OpenStack Swift ("all in one") on 127.0.0.1, for the
# interop tests and the peer benchmark. Nothing listens on anything but loopback.
#
#   scripts/swift-aio.sh start    install Debian's packages if missing, start, wait until ready
#   scripts/swift-aio.sh stop     stop the processes this script started (by their recorded PIDs)
#   scripts/swift-aio.sh status   per-service PID, state and RSS, plus a health check
#   scripts/swift-aio.sh env      KEY=value lines (auth URL, users, keys); `env --export` adds `export`
#   scripts/swift-aio.sh smoke    curl checks against the running Swift; non-zero exit on any failure
#   scripts/swift-aio.sh restart  stop, then start
#   scripts/swift-aio.sh wipe     stop, then delete the state directory
#
# Settings (environment):
#   SWIFT_AIO_DIR             state directory (default /tmp/swift-aio): etc/ run/ log/ srv/
#   SWIFT_AIO_PORT            proxy port (default 8089)
#   SWIFT_AIO_ACCOUNT_PORT    account server port (default 6212)
#   SWIFT_AIO_CONTAINER_PORT  container server port (default 6211)
#   SWIFT_AIO_OBJECT_PORT     object server port (default 6210)
#   SWIFT_AIO_MEMCACHED_PORT  memcached port (default 11219, not 11211: a packaged memcached may own it)
#   SWIFT_AIO_STORAGE         auto|dir|tmpfs|loop (default auto), see prepare_storage
#   SWIFT_AIO_TMPFS_SIZE      tmpfs size limit (default 8g; memory is only used for what is stored)
#   SWIFT_AIO_LOOP_SIZE       sparse ext4 image size for `loop` (default 8G)
#   SWIFT_AIO_PROXY_WORKERS   proxy workers (default 1); SWIFT_AIO_OBJECT_WORKERS likewise (default 1)
#   SWIFT_AIO_UPDATER_INTERVAL seconds between container-updater sweeps (default 60; a sweep forks a
#                             child per container partition, ~0.75 CPU-s each)
#   SWIFT_AIO_DB_PART_POWER   part power of the account and container rings (default 4)
#   SWIFT_AIO_LOG_LEVEL       DEBUG|INFO|WARNING (default INFO)
#   SWIFT_AIO_START_TIMEOUT   seconds to wait for readiness (default 60)
#   SWIFT_AIO_INSTALL         1 (default): apt-get install missing packages; 0: fail instead
#
# Accounts (tempauth):  test:tester/testing (.admin of AUTH_test), test2:tester2/testing2
# (.admin of AUTH_test2), test:tester3/testing3 (no admin: for ACL tests), admin:admin/admin
# (.reseller_admin).
#
# Traps this script works around (measured on Debian bookworm, Swift 2.30.1):
#  * tempauth keeps its tokens in memcache. Without a memcached the proxy hands out tokens
#    and then rejects them with 401, so a memcached on loopback (UDP off) is part of the set.
#  * On SIGTERM a Swift server calls killpg(0, SIGTERM): it kills its whole process group.
#    Started from a CI shell, Maven or a test JVM it would kill the caller on `stop`. Every
#    server is therefore started with `setsid` (its own session and group), its PID is
#    recorded, and `stop` signals that PID only; a group KILL is only ever sent to the
#    server's own group (pgid == recorded PID), after 5 s.
#  * PID 1 in these containers is not a real init and reaps orphans only every few seconds;
#    `kill -0` succeeds on a zombie, so a `Z` state in /proc/PID/stat counts as dead.
#  * Swift always reads /etc/swift/swift.conf (hash prefix/suffix, storage policies), even when
#    swift_dir points elsewhere. The Debian package ships one; if it is missing, one is written.
#    Rings and server configs live in $SWIFT_AIO_DIR/etc, which every conf names as swift_dir.
#  * Swift's logger always adds a syslog handler and there is no /dev/log here: it is pointed
#    at UDP 127.0.0.1:9 (discard). The real logs come from `-v` and go to $SWIFT_AIO_DIR/log.
#  * Swift stores object metadata as pickled chunks of 254 bytes in user.* xattrs. The data
#    directory is probed with eight 254-byte user.* values (a single 4 KiB value fails on ext4
#    for unrelated reasons, so the probe uses what Swift uses).
#  * Debian's policy-rc.d (exit 101) keeps the packaged services from starting on install;
#    this script runs its own processes with its own configs and never uses the packaged ones.
set -euo pipefail
set +m # no job control: `setsid cmd &` must exec in place (not fork), so $! is the server's PID

readonly HOST=127.0.0.1
DIR=$(realpath -m "${SWIFT_AIO_DIR:-/tmp/swift-aio}")
PROXY_PORT=${SWIFT_AIO_PORT:-8089}
ACCOUNT_PORT=${SWIFT_AIO_ACCOUNT_PORT:-6212}
CONTAINER_PORT=${SWIFT_AIO_CONTAINER_PORT:-6211}
OBJECT_PORT=${SWIFT_AIO_OBJECT_PORT:-6210}
UPDATER_INTERVAL=${SWIFT_AIO_UPDATER_INTERVAL:-60}
DB_PART_POWER=${SWIFT_AIO_DB_PART_POWER:-4}
[[ $UPDATER_INTERVAL =~ ^[0-9]+$ && $DB_PART_POWER =~ ^[0-9]+$ ]] || { echo "swift-aio: error: SWIFT_AIO_UPDATER_INTERVAL and SWIFT_AIO_DB_PART_POWER must be integers" >&2; exit 2; }
MEMCACHED_PORT=${SWIFT_AIO_MEMCACHED_PORT:-11219}
STORAGE=${SWIFT_AIO_STORAGE:-auto}
TMPFS_SIZE=${SWIFT_AIO_TMPFS_SIZE:-8g}
LOOP_SIZE=${SWIFT_AIO_LOOP_SIZE:-8G}
PROXY_WORKERS=${SWIFT_AIO_PROXY_WORKERS:-1}
OBJECT_WORKERS=${SWIFT_AIO_OBJECT_WORKERS:-1}
LOG_LEVEL=${SWIFT_AIO_LOG_LEVEL:-INFO}
START_TIMEOUT=${SWIFT_AIO_START_TIMEOUT:-60}
INSTALL=${SWIFT_AIO_INSTALL:-1}

ETC=$DIR/etc
RUN=$DIR/run
LOG=$DIR/log
SRV=$DIR/srv
BASE_URL=http://$HOST:$PROXY_PORT
AUTH_URL=$BASE_URL/auth/v1.0
PY=/usr/bin/python3 # Debian's, not whatever python3 comes first on PATH (pyenv shims, venvs)
PACKAGES=(swift swift-proxy swift-account swift-container swift-object python3-swift memcached)
# Start order; stop goes the other way round (proxy first, so no new requests come in).
SERVICES=(memcached account container object container-updater proxy)

# Loopback only: never let an http_proxy from the environment route our requests elsewhere.
CURL=(curl -sS --noproxy '*' --max-time 30)

die() { echo "swift-aio: error: $*" >&2; exit 1; }
say() { echo "swift-aio: $*" >&2; }
now_ms() { local t; t=$(date +%s%N); echo $((t / 1000000)); }
elapsed() { local ms=$(($(now_ms) - $1)); printf '%d.%03d s' $((ms / 1000)) $((ms % 1000)); }

# ---------------------------------------------------------------------------------------------
# Packages

ensure_packages() {
  local missing=() p
  for p in "${PACKAGES[@]}"; do
    [[ $(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true) == installed ]] || missing+=("$p")
  done
  ((${#missing[@]} == 0)) && return 0
  [[ $INSTALL == 1 ]] || die "missing Debian packages: ${missing[*]} (set SWIFT_AIO_INSTALL=1 or install them)"
  [[ $(id -u) == 0 ]] || die "missing Debian packages: ${missing[*]}; installing them needs root"
  say "installing ${missing[*]}"
  # Only refresh the package lists when apt does not know a package yet (saves ~10 s).
  if ! apt-cache show "${missing[@]}" >/dev/null 2>&1; then
    apt-get update -qq
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$LOG/apt.log" 2>&1 \
    || { tail -n 20 "$LOG/apt.log" >&2; die "apt-get install failed (full log: $LOG/apt.log)"; }
}

ensure_swift_conf() {
  # See the header: the hash prefix/suffix and the policies always come from /etc/swift.
  [[ -f /etc/swift/swift.conf ]] && return 0
  say "writing /etc/swift/swift.conf (missing; test-only hash values)"
  mkdir -p /etc/swift
  cat >/etc/swift/swift.conf <<'EOF'
# Written by synnefo-reactive scripts/swift-aio.sh (test-only values).
[swift-hash]
swift_hash_path_prefix = changeme
swift_hash_path_suffix = changeme

[storage-policy:0]
name = Policy-0
default = yes
EOF
}

# ---------------------------------------------------------------------------------------------
# Processes

# The command line of a service, into the global array CMD.
service_cmd() {
  case $1 in
    memcached)
      CMD=(memcached -l "$HOST" -p "$MEMCACHED_PORT" -U 0 -m 64 -c 1024)
      [[ $(id -u) == 0 ]] && CMD+=(-u root) # memcached refuses to run as root without -u
      ;;
    account) CMD=(swift-account-server "$ETC/account-server.conf" -v) ;;
    container) CMD=(swift-container-server "$ETC/container-server.conf" -v) ;;
    object) CMD=(swift-object-server "$ETC/object-server.conf" -v) ;;
    container-updater) CMD=(swift-container-updater "$ETC/container-server.conf" -v) ;;
    proxy) CMD=(swift-proxy-server "$ETC/proxy-server.conf" -v) ;;
    *) die "unknown service $1" ;;
  esac
}

service_port() {
  case $1 in
    memcached) echo "$MEMCACHED_PORT" ;;
    account) echo "$ACCOUNT_PORT" ;;
    container) echo "$CONTAINER_PORT" ;;
    object) echo "$OBJECT_PORT" ;;
    proxy) echo "$PROXY_PORT" ;;
    *) echo "" ;;
  esac
}

# Fields of /proc/PID/stat after the command name (which may contain spaces and parens):
# state ppid pgrp session ... Prints them, or fails if the process is gone. (`read`, not
# `cat`: stop polls this for every process, and forks would make it slow.)
proc_stat_tail() {
  local s
  { read -r s <"/proc/$1/stat"; } 2>/dev/null || return 1
  echo "${s##*) }"
}

# Alive = exists and is not a zombie (Z) or dead (X). See the header about PID 1 and zombies.
pid_alive() {
  local s
  { read -r s <"/proc/$1/stat"; } 2>/dev/null || return 1
  s=${s##*) }
  [[ ${s:0:1} != [ZX] ]]
}

# The recorded PID of a service if that process is alive and still runs our command line
# (guards against PID reuse after a reboot or a crash).
service_pid() {
  local pid cmdline
  [[ -f $RUN/$1.pid ]] || return 1
  pid=$(<"$RUN/$1.pid")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  pid_alive "$pid" || return 1
  cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  service_cmd "$1"
  [[ $cmdline == *"${CMD[0]} ${CMD[1]}"* ]] || return 1
  echo "$pid"
}

# Fills SESSIONS: session id -> the live (non-zombie) PIDs in it, space separated. Each of our
# servers is a session leader (setsid), so its session holds it and its forked workers.
declare -A SESSIONS=()
scan_sessions() {
  local f s pid fields
  SESSIONS=()
  for f in /proc/[0-9]*/stat; do
    { read -r s <"$f"; } 2>/dev/null || continue
    read -ra fields <<<"${s##*) }"
    [[ ${fields[0]} == [ZX] ]] && continue
    pid=${f#/proc/}
    pid=${pid%/stat}
    SESSIONS[${fields[3]}]+="$pid "
  done
  return 0
}

port_open() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

start_service() {
  local svc=$1 pid
  service_cmd "$svc"
  # setsid: own session and process group, so the server's killpg(0, SIGTERM) on shutdown
  # cannot reach this shell or whoever called it. stdin/stdout/stderr are detached from the
  # caller (a `$(...)` or a pipe in CI would otherwise wait for the server to exit), and the
  # lock descriptor 9 is closed so the servers do not hold the start/stop lock.
  setsid "${CMD[@]}" </dev/null >>"$LOG/$svc.log" 2>&1 9>&- &
  pid=$!
  echo "$pid" >"$RUN/$svc.pid"
}

# Stops every recorded service: TERM (proxy first), wait up to 5 s, then KILL the survivors'
# own process groups. Never signals anything but the recorded PIDs and their own groups.
stop_all() {
  local svc pid i t pgid left=() m
  declare -A pids=()
  for ((i = ${#SERVICES[@]} - 1; i >= 0; i--)); do
    svc=${SERVICES[i]}
    if pid=$(service_pid "$svc"); then
      pids[$svc]=$pid
      kill -TERM "$pid" 2>/dev/null || true
    fi
  done
  for ((i = 0; i < 50; i++)); do
    left=()
    scan_sessions
    for svc in "${!pids[@]}"; do
      [[ -n ${SESSIONS[${pids[$svc]}]:-} ]] && left+=("$svc")
    done
    ((${#left[@]} == 0)) && break
    sleep 0.1
  done
  for svc in "${left[@]}"; do
    pid=${pids[$svc]}
    say "$svc (pid $pid) still running after 5 s: KILL to its own process group"
    # The group id equals the recorded PID because of setsid; check before signalling a group.
    if t=$(proc_stat_tail "$pid"); then
      read -r _ _ pgid _ <<<"$t"
      if [[ $pgid == "$pid" ]]; then kill -KILL -- "-$pid" 2>/dev/null || true; fi
    fi
    scan_sessions
    for m in ${SESSIONS[$pid]:-}; do kill -KILL "$m" 2>/dev/null || true; done
  done
  for svc in "${SERVICES[@]}"; do rm -f "$RUN/$svc.pid"; done
}

# ---------------------------------------------------------------------------------------------
# Storage

# Swift keeps metadata in user.* xattrs, pickled in 254-byte chunks: probe with exactly that.
xattr_ok() {
  "$PY" - "$1" <<'EOF'
import os, sys
path = os.path.join(sys.argv[1], ".swift-aio-xattr-probe")
value = b"x" * 254
open(path, "wb").close()
try:
    for i in range(8):
        os.setxattr(path, "user.swift.probe%d" % i, value)
    ok = all(os.getxattr(path, "user.swift.probe%d" % i) == value for i in range(8))
except OSError:
    ok = False
finally:
    os.unlink(path)
sys.exit(0 if ok else 1)
EOF
}

mount_tmpfs() { mount -t tmpfs -o "size=$TMPFS_SIZE,mode=0755" swift-aio "$SRV" 2>/dev/null; }

mount_loop() {
  if [[ ! -f $DIR/disk.img ]]; then
    truncate -s "$LOOP_SIZE" "$DIR/disk.img"
    mkfs.ext4 -q -F -L swift-aio "$DIR/disk.img" || { rm -f "$DIR/disk.img"; return 1; }
  fi
  mount -o loop,user_xattr "$DIR/disk.img" "$SRV" 2>/dev/null
}

# dir: the plain directory $SWIFT_AIO_DIR/srv; tmpfs: a tmpfs mounted there (user xattrs on
# tmpfs need Linux 6.6+; contents are lost on stop); loop: a sparse ext4 image $DIR/disk.img
# mounted there (contents kept). auto: dir if it has user xattrs, else tmpfs, else loop.
prepare_storage() {
  local mode
  mkdir -p "$SRV"
  if mountpoint -q "$SRV"; then
    mode=$(cat "$RUN/storage" 2>/dev/null || echo mounted)
    [[ $STORAGE == auto || $STORAGE == "$mode" ]] || say "keeping the mounted $mode storage (SWIFT_AIO_STORAGE=$STORAGE ignored; run stop first)"
  else
    case $STORAGE in
      dir)
        xattr_ok "$SRV" || die "$SRV does not support user.* xattrs; try SWIFT_AIO_STORAGE=tmpfs or loop"
        mode=dir
        ;;
      tmpfs)
        mount_tmpfs || die "cannot mount a tmpfs on $SRV (needs root / CAP_SYS_ADMIN)"
        xattr_ok "$SRV" || { umount "$SRV"; die "tmpfs has no user.* xattrs on this kernel (needs 6.6+); try SWIFT_AIO_STORAGE=loop"; }
        mode=tmpfs
        ;;
      loop)
        mount_loop || die "cannot mount the loop image $DIR/disk.img on $SRV (needs root and a loop device)"
        xattr_ok "$SRV" || { umount "$SRV"; die "the loop ext4 image has no user.* xattrs"; }
        mode=loop
        ;;
      auto)
        if xattr_ok "$SRV"; then
          mode=dir
        elif mount_tmpfs && { xattr_ok "$SRV" || { umount "$SRV"; false; }; }; then
          say "$SRV has no user.* xattrs: using tmpfs"
          mode=tmpfs
        elif mount_loop && { xattr_ok "$SRV" || { umount "$SRV"; false; }; }; then
          say "$SRV has no user.* xattrs and tmpfs neither: using a loop ext4 image"
          mode=loop
        else
          die "no storage with user.* xattrs: the directory, tmpfs and a loop ext4 image all failed"
        fi
        ;;
      *) die "SWIFT_AIO_STORAGE must be auto, dir, tmpfs or loop (got $STORAGE)" ;;
    esac
  fi
  echo "$mode" >"$RUN/storage"
  mkdir -p "$SRV/d1"
}

release_storage() {
  local mode
  mode=$(cat "$RUN/storage" 2>/dev/null || echo dir)
  if [[ $mode != dir ]] && mountpoint -q "$SRV"; then
    umount "$SRV" || say "could not unmount $SRV"
  fi
  rm -f "$RUN/storage"
}

# ---------------------------------------------------------------------------------------------
# Configuration

build_rings() {
  local want kind port
  # Small part powers for the account and container rings: the container updater forks one child per
  # container partition in every sweep (about 0.75 CPU-s each), so with part power 10 and a few dozen
  # containers a sweep cost a whole core for about a minute, all the time, on a 2-core machine.
  want="part_power=10/$DB_PART_POWER replicas=1 object=$OBJECT_PORT container=$CONTAINER_PORT account=$ACCOUNT_PORT"
  if [[ -f $ETC/rings.stamp && $(<"$ETC/rings.stamp") == "$want" && -f $ETC/object.ring.gz \
    && -f $ETC/container.ring.gz && -f $ETC/account.ring.gz ]]; then
    return 0
  fi
  if [[ -f $ETC/rings.stamp ]]; then
    # objects, containers and accounts placed by the old rings could no longer be found
    say "ring layout changed ($(<"$ETC/rings.stamp") -> $want): wiping the stored data"
    rm -rf "${SRV:?}"/d1/{accounts,containers,objects,tmp,async_pending}
  fi
  rm -f "$ETC"/*.builder "$ETC"/*.ring.gz "$ETC/rings.stamp"
  rm -rf "$ETC/backups"
  # The three rings are independent: build them in parallel (each swift-ring-builder call
  # is a ~0.4 s Python start-up; sequentially the nine calls take ~3.5 s of a fresh start).
  local ring_jobs=() job failed=0
  for kind in object container account; do
    case $kind in
      object) port=$OBJECT_PORT power=10 ;;
      container) port=$CONTAINER_PORT power=$DB_PART_POWER ;;
      account) port=$ACCOUNT_PORT power=$DB_PART_POWER ;;
    esac
    (
      # part power $power, 1 replica, min_part_hours 1; one device d1 under $SRV.
      swift-ring-builder "$ETC/$kind.builder" create "$power" 1 1
      swift-ring-builder "$ETC/$kind.builder" add "r1z1-$HOST:$port/d1" 100
      # rebalance exits 1 for warnings (e.g. balance), 2 for errors.
      swift-ring-builder "$ETC/$kind.builder" rebalance || (($? == 1))
    ) >"$LOG/ring-$kind.log" 2>&1 &
    ring_jobs+=("$!")
  done
  for job in "${ring_jobs[@]}"; do wait "$job" || failed=1; done
  if ((failed)); then
    cat "$LOG"/ring-*.log >&2
    die "swift-ring-builder failed (output above)"
  fi
  echo "$want" >"$ETC/rings.stamp"
}

common_conf() { # $1 = bind port, $2 = workers
  cat <<EOF
[DEFAULT]
bind_ip = $HOST
bind_port = $1
workers = $2
user = $(id -un)
swift_dir = $ETC
devices = $SRV
mount_check = false
log_level = $LOG_LEVEL
# Recon stats would go to /var/cache/swift (absent): keep them in the state directory.
recon_cache_path = $RUN
# Swift always adds a syslog handler; there is no /dev/log here, so send it to the discard
# port on loopback. The readable log is the console output (-v) in $LOG.
log_udp_host = $HOST
log_udp_port = 9
EOF
}

write_configs() {
  {
    common_conf "$ACCOUNT_PORT" 0
    cat <<'EOF'

[pipeline:main]
pipeline = account-server

[app:account-server]
use = egg:swift#account

[account-replicator]
[account-auditor]
[account-reaper]
EOF
  } >"$ETC/account-server.conf"

  {
    common_conf "$CONTAINER_PORT" 0
    cat <<EOF

[pipeline:main]
pipeline = container-server

[app:container-server]
use = egg:swift#container

# Pushes object counts and bytes up to the account (container counts are updated synchronously
# by the container server; only the account's object and byte totals wait for this). Each sweep
# forks a child per container partition, so it runs rarely: see SWIFT_AIO_UPDATER_INTERVAL.
[container-updater]
interval = $UPDATER_INTERVAL
concurrency = 1

[container-replicator]
[container-auditor]
[container-sync]
[container-sharder]
EOF
  } >"$ETC/container-server.conf"

  {
    common_conf "$OBJECT_PORT" "$OBJECT_WORKERS"
    cat <<'EOF'

[pipeline:main]
pipeline = object-server

[app:object-server]
use = egg:swift#object

[object-replicator]
[object-reconstructor]
[object-updater]
[object-auditor]
EOF
  } >"$ETC/object-server.conf"

  {
    common_conf "$PROXY_PORT" "$PROXY_WORKERS"
    cat <<EOF

[pipeline:main]
pipeline = catch_errors gatekeeper healthcheck proxy-logging cache listing_formats bulk tempurl ratelimit formpost tempauth staticweb copy container-quotas account-quotas slo dlo versioned_writes symlink proxy-logging proxy-server

[app:proxy-server]
use = egg:swift#proxy
account_autocreate = true
allow_account_management = true

# user_<account>_<user> = <key> [groups]; the storage URL is built from the request's Host.
[filter:tempauth]
use = egg:swift#tempauth
user_admin_admin = admin .admin .reseller_admin
user_test_tester = testing .admin
user_test2_tester2 = testing2 .admin
user_test_tester3 = testing3
token_life = 86400

# tempauth tokens live here: without memcached every token is rejected.
[filter:cache]
use = egg:swift#memcache
memcache_servers = $HOST:$MEMCACHED_PORT

[filter:catch_errors]
use = egg:swift#catch_errors

[filter:gatekeeper]
use = egg:swift#gatekeeper

[filter:healthcheck]
use = egg:swift#healthcheck

[filter:proxy-logging]
use = egg:swift#proxy_logging

[filter:listing_formats]
use = egg:swift#listing_formats

[filter:bulk]
use = egg:swift#bulk

[filter:tempurl]
use = egg:swift#tempurl

[filter:ratelimit]
use = egg:swift#ratelimit

[filter:formpost]
use = egg:swift#formpost

[filter:staticweb]
use = egg:swift#staticweb

[filter:copy]
use = egg:swift#copy

[filter:container-quotas]
use = egg:swift#container_quotas

[filter:account-quotas]
use = egg:swift#account_quotas

[filter:slo]
use = egg:swift#slo

[filter:dlo]
use = egg:swift#dlo

[filter:versioned_writes]
use = egg:swift#versioned_writes
allow_versioned_writes = true

[filter:symlink]
use = egg:swift#symlink
EOF
  } >"$ETC/proxy-server.conf"
}

# ---------------------------------------------------------------------------------------------
# Readiness

# Sets TOKEN and STORAGE_URL from a tempauth login of user $1 with key $2, or fails.
# (Globals, not output: a $(...) subshell would lose STORAGE_URL.)
TOKEN=""
STORAGE_URL=""
auth_token() {
  local headers
  TOKEN=""
  STORAGE_URL=""
  headers=$("${CURL[@]}" --max-time 5 -o /dev/null -D - -H "X-Auth-User: $1" -H "X-Auth-Key: $2" "$AUTH_URL" 2>/dev/null) || return 1
  [[ $headers == HTTP/1.1\ 200* ]] || return 1
  TOKEN=$(printf '%s\n' "$headers" | tr -d '\r' | sed -n 's/^[Xx]-[Aa]uth-[Tt]oken: *//p')
  STORAGE_URL=$(printf '%s\n' "$headers" | tr -d '\r' | sed -n 's/^[Xx]-[Ss]torage-[Uu]rl: *//p')
  [[ -n $TOKEN && -n $STORAGE_URL ]]
}

# Healthcheck, all backend ports listening, a tempauth token, and the account answering with it.
ready() {
  local svc port code
  for svc in account container object; do
    port=$(service_port "$svc")
    port_open "$port" || return 1
  done
  [[ $("${CURL[@]}" --max-time 2 "$BASE_URL/healthcheck" 2>/dev/null) == OK ]] || return 1
  auth_token test:tester testing || return 1
  code=$("${CURL[@]}" --max-time 5 -o /dev/null -w '%{http_code}' -I -H "X-Auth-Token: $TOKEN" "$STORAGE_URL" 2>/dev/null) || return 1
  [[ $code == 20[04] ]]
}

log_tails() {
  local svc
  for svc in "${SERVICES[@]}"; do
    [[ -s $LOG/$svc.log ]] || continue
    echo "---- $LOG/$svc.log (last 15 lines)" >&2
    tail -n 15 "$LOG/$svc.log" >&2
  done
}

# ---------------------------------------------------------------------------------------------
# Commands

lock() {
  mkdir -p "$DIR"
  exec 9>"$DIR/lock"
  flock -w 120 9 || die "another swift-aio.sh holds $DIR/lock"
}

cmd_start() {
  local t0 svc running=0 dead=0
  t0=$(now_ms)
  mkdir -p "$DIR" "$ETC" "$RUN" "$LOG"
  touch "$DIR/.swift-aio" # marks the directory as ours (wipe checks it)
  lock
  for svc in "${SERVICES[@]}"; do
    if service_pid "$svc" >/dev/null; then running=$((running + 1)); else dead=$((dead + 1)); fi
  done
  if ((dead == 0)) && ready; then
    say "already running: $AUTH_URL ($(elapsed "$t0"))"
    return 0
  fi
  if ((running > 0)); then
    say "$running of ${#SERVICES[@]} services running but not all healthy: restarting them"
    stop_all
  fi
  # All ports must be free before anything starts (another swift-aio with the same ports,
  # or a packaged memcached/Swift): fail early instead of leaving half a cluster behind.
  local port
  for svc in "${SERVICES[@]}"; do
    port=$(service_port "$svc")
    if [[ -n $port ]] && port_open "$port"; then
      die "port $port ($svc) is already in use on $HOST; stop its owner or choose other ports (SWIFT_AIO_*_PORT)"
    fi
  done
  ensure_packages
  ensure_swift_conf
  prepare_storage
  build_rings
  write_configs
  for svc in "${SERVICES[@]}"; do start_service "$svc"; done
  local deadline=$(($(now_ms) + START_TIMEOUT * 1000))
  until ready; do
    for svc in "${SERVICES[@]}"; do
      if ! service_pid "$svc" >/dev/null; then
        log_tails
        stop_all
        release_storage
        die "$svc exited during start-up (logs above, in $LOG)"
      fi
    done
    if (($(now_ms) > deadline)); then
      log_tails
      stop_all
      release_storage
      die "not ready after ${START_TIMEOUT} s: healthcheck, tempauth or account HEAD failing (logs above, in $LOG)"
    fi
    sleep 0.1
  done
  say "ready: $AUTH_URL (storage $(<"$RUN/storage"), state $DIR) in $(elapsed "$t0")"
}

cmd_stop() {
  local t0
  t0=$(now_ms)
  [[ -d $DIR ]] || { say "not running (no $DIR)"; return 0; }
  lock
  stop_all
  release_storage
  say "stopped in $(elapsed "$t0")"
}

cmd_wipe() {
  cmd_stop
  if [[ -d $DIR ]]; then
    [[ -f $DIR/.swift-aio ]] || die "$DIR was not created by swift-aio.sh; not deleting it"
    mountpoint -q "$SRV" && die "$SRV is still mounted; not deleting $DIR"
    rm -rf "$DIR"
    say "deleted $DIR"
  fi
}

cmd_status() {
  local svc pid m rss kb total=0 up=0 members
  printf '%-18s %8s %-8s %5s %8s\n' SERVICE PID STATE PROCS RSS_MB
  scan_sessions
  for svc in "${SERVICES[@]}"; do
    if pid=$(service_pid "$svc"); then
      up=$((up + 1))
      rss=0
      members=${SESSIONS[$pid]:-}
      for m in $members; do
        kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$m/status" 2>/dev/null || true)
        rss=$((rss + ${kb:-0}))
      done
      total=$((total + rss))
      printf '%-18s %8s %-8s %5s %8d\n' "$svc" "$pid" running "$(wc -w <<<"$members")" $((rss / 1024))
    else
      printf '%-18s %8s %-8s %5s %8s\n' "$svc" - stopped - -
    fi
  done
  printf '%-18s %8s %-8s %5s %8d\n' total "" "" "" $((total / 1024))
  echo "storage: $(cat "$RUN/storage" 2>/dev/null || echo -) ($SRV); state: $DIR"
  if ((up == 0)); then
    echo "health: stopped"
    return 3
  elif ((up == ${#SERVICES[@]})) && ready; then
    echo "health: ok ($AUTH_URL)"
    return 0
  else
    echo "health: NOT ok ($up of ${#SERVICES[@]} services running)"
    return 1
  fi
}

cmd_env() {
  local prefix=""
  [[ ${1:-} == --export ]] && prefix="export "
  cat <<EOF
${prefix}SWIFT_AUTH_URL=$AUTH_URL
${prefix}SWIFT_USER=test:tester
${prefix}SWIFT_KEY=testing
${prefix}SWIFT_STORAGE_URL=$BASE_URL/v1/AUTH_test
${prefix}SWIFT_USER2=test2:tester2
${prefix}SWIFT_KEY2=testing2
${prefix}SWIFT_USER3=test:tester3
${prefix}SWIFT_KEY3=testing3
${prefix}ST_AUTH=$AUTH_URL
${prefix}ST_USER=test:tester
${prefix}ST_KEY=testing
EOF
}

# ---------------------------------------------------------------------------------------------
# Smoke test

PASSED=0
FAILED=0
check() { # description expected actual
  if [[ $2 == "$3" ]]; then
    PASSED=$((PASSED + 1))
    echo "ok   $1"
  else
    FAILED=$((FAILED + 1))
    echo "FAIL $1: expected [$2], got [$3]"
  fi
}
http_code() { "${CURL[@]}" -o /dev/null -w '%{http_code}' "$@" 2>/dev/null || true; }
body() { "${CURL[@]}" "$@" 2>/dev/null || true; }

cmd_smoke() {
  local token token2 token3 c url tmp etag hdrs listing seg_etag1 seg_etag2
  tmp=$(mktemp -d)
  # shellcheck disable=SC2064 # expand $tmp now
  trap "rm -rf '$tmp'" EXIT
  c=smoke-$$-$RANDOM

  if [[ $(body --max-time 5 "$BASE_URL/healthcheck") != OK ]]; then
    echo "FAIL GET $BASE_URL/healthcheck: Swift is not running (scripts/swift-aio.sh start)"
    echo "0 passed, 1 failed"
    return 1
  fi
  check "GET /healthcheck" OK "$(body "$BASE_URL/healthcheck")"
  check "auth with a bad key -> 401" 401 "$(http_code -H 'X-Auth-User: test:tester' -H 'X-Auth-Key: wrong' "$AUTH_URL")"
  auth_token test:tester testing || true
  token=$TOKEN
  check "auth test:tester -> token" yes "$([[ -n $token ]] && echo yes || echo no)"
  check "auth test:tester -> storage URL" "$BASE_URL/v1/AUTH_test" "$STORAGE_URL"
  auth_token test2:tester2 testing2 || true
  token2=$TOKEN
  auth_token test:tester3 testing3 || true
  token3=$TOKEN
  check "auth test2:tester2 and test:tester3 -> tokens" yes "$([[ -n $token2 && -n $token3 ]] && echo yes || echo no)"
  url=$BASE_URL/v1/AUTH_test
  local T=(-H "X-Auth-Token: $token")

  # 204 while the account is empty, 200 once it holds containers.
  check "HEAD account -> 2xx" 2xx "$(http_code -I "${T[@]}" "$url" | cut -c1)xx"
  check "PUT container" 201 "$(http_code -X PUT "${T[@]}" "$url/$c")"
  check "PUT container again -> 202" 202 "$(http_code -X PUT "${T[@]}" "$url/$c")"

  printf 'hello swift aio\n' >"$tmp/hello.txt"
  etag=$(md5sum "$tmp/hello.txt" | cut -d' ' -f1)
  check "PUT object with ETag and metadata" 201 "$(http_code -X PUT "${T[@]}" -H "ETag: $etag" -H 'X-Object-Meta-Color: blue' -H 'Content-Type: text/plain' --data-binary @"$tmp/hello.txt" "$url/$c/hello.txt")"
  check "PUT object with a wrong ETag -> 422" 422 "$(http_code -X PUT "${T[@]}" -H "ETag: 00000000000000000000000000000000" --data-binary @"$tmp/hello.txt" "$url/$c/bad.txt")"
  check "GET object" "hello swift aio" "$(body "${T[@]}" "$url/$c/hello.txt")"
  hdrs=$("${CURL[@]}" -I "${T[@]}" "$url/$c/hello.txt" 2>/dev/null | tr -d '\r' | tr '[:upper:]' '[:lower:]' || true)
  check "HEAD object: Content-Length" "content-length: 16" "$(grep '^content-length:' <<<"$hdrs" || true)"
  check "HEAD object: ETag" "etag: $etag" "$(grep '^etag:' <<<"$hdrs" || true)"
  check "HEAD object: X-Object-Meta-Color" "x-object-meta-color: blue" "$(grep '^x-object-meta-color:' <<<"$hdrs" || true)"
  check "ranged GET bytes=6-10 -> 206" 206 "$(http_code "${T[@]}" -H 'Range: bytes=6-10' "$url/$c/hello.txt")"
  check "ranged GET bytes=6-10 -> body" swift "$(body "${T[@]}" -H 'Range: bytes=6-10' "$url/$c/hello.txt")"
  check "GET with If-Match mismatch -> 412" 412 "$(http_code "${T[@]}" -H 'If-Match: "0123456789abcdef0123456789abcdef"' "$url/$c/hello.txt")"
  check "GET with If-None-Match on the ETag -> 304" 304 "$(http_code "${T[@]}" -H "If-None-Match: \"$etag\"" "$url/$c/hello.txt")"

  local name
  for name in dir/a.txt dir/b.txt dir/sub/c.txt other.txt; do
    http_code -X PUT "${T[@]}" --data-binary "$name" "$url/$c/$name" >"$tmp/code"
    check "PUT $name" 201 "$(<"$tmp/code")"
  done
  listing=$(body "${T[@]}" "$url/$c?format=json&prefix=dir/&delimiter=/")
  check "JSON listing prefix=dir/ delimiter=/" "dir/a.txt dir/b.txt subdir:dir/sub/" \
    "$("$PY" -c 'import json,sys; print(" ".join(e["name"] if "name" in e else "subdir:" + e["subdir"] for e in json.load(sys.stdin)))' <<<"$listing" 2>&1 || true)"
  listing=$(body "${T[@]}" "$url/$c?format=json&limit=2&marker=dir/a.txt")
  check "JSON listing marker=dir/a.txt limit=2" "dir/b.txt dir/sub/c.txt" \
    "$("$PY" -c 'import json,sys; print(" ".join(e["name"] for e in json.load(sys.stdin)))' <<<"$listing" 2>&1 || true)"

  check "COPY with Destination -> 201" 201 "$(http_code -X COPY "${T[@]}" -H "Destination: $c/copy.txt" "$url/$c/hello.txt")"
  check "GET the copy" "hello swift aio" "$(body "${T[@]}" "$url/$c/copy.txt")"
  check "PUT with X-Copy-From -> 201" 201 "$(http_code -X PUT "${T[@]}" -H "X-Copy-From: /$c/hello.txt" -H 'Content-Length: 0' "$url/$c/copy2.txt")"
  check "copy keeps the metadata" "x-object-meta-color: blue" \
    "$("${CURL[@]}" -I "${T[@]}" "$url/$c/copy2.txt" 2>/dev/null | tr -d '\r' | tr '[:upper:]' '[:lower:]' | grep '^x-object-meta-color:' || true)"

  # Static and dynamic large objects from two 3-byte segments (SLO's minimum segment size is 1).
  printf abc >"$tmp/s1"
  printf def >"$tmp/s2"
  seg_etag1=$(md5sum "$tmp/s1" | cut -d' ' -f1)
  seg_etag2=$(md5sum "$tmp/s2" | cut -d' ' -f1)
  http_code -X PUT "${T[@]}" --data-binary @"$tmp/s1" "$url/$c/seg/1" >/dev/null
  http_code -X PUT "${T[@]}" --data-binary @"$tmp/s2" "$url/$c/seg/2" >/dev/null
  printf '[{"path":"/%s/seg/1","etag":"%s","size_bytes":3},{"path":"/%s/seg/2","etag":"%s","size_bytes":3}]' \
    "$c" "$seg_etag1" "$c" "$seg_etag2" >"$tmp/manifest.json"
  check "PUT SLO manifest -> 201" 201 "$(http_code -X PUT "${T[@]}" --data-binary @"$tmp/manifest.json" "$url/$c/slo?multipart-manifest=put")"
  check "GET SLO" abcdef "$(body "${T[@]}" "$url/$c/slo")"
  check "ranged GET across SLO segments" cd "$(body "${T[@]}" -H 'Range: bytes=2-3' "$url/$c/slo")"
  check "PUT DLO manifest -> 201" 201 "$(http_code -X PUT "${T[@]}" -H "X-Object-Manifest: $c/seg/" -H 'Content-Length: 0' "$url/$c/dlo")"
  check "GET DLO" abcdef "$(body "${T[@]}" "$url/$c/dlo")"

  check "GET with a bad token -> 401" 401 "$(http_code -H 'X-Auth-Token: AUTH_tkbogus' "$url/$c/hello.txt")"
  check "GET without a token -> 401" 401 "$(http_code "$url/$c/hello.txt")"
  check "GET a missing object -> 404" 404 "$(http_code "${T[@]}" "$url/$c/missing.txt")"
  check "GET a missing container -> 404" 404 "$(http_code "${T[@]}" "$url/$c-missing")"
  check "other account's admin reads AUTH_test -> 403" 403 "$(http_code -H "X-Auth-Token: $token2" "$url/$c/hello.txt")"
  check "non-admin user without ACL -> 403" 403 "$(http_code -H "X-Auth-Token: $token3" "$url/$c")"
  check "/info lists slo and tempauth" "slo tempauth" \
    "$(body "$BASE_URL/info" | "$PY" -c 'import json,sys; d=json.load(sys.stdin); print(" ".join(k for k in ("slo","tempauth") if k in d))' 2>&1 || true)"

  check "DELETE a non-empty container -> 409" 409 "$(http_code -X DELETE "${T[@]}" "$url/$c")"
  check "DELETE SLO with multipart-manifest=delete -> 200" 200 "$(http_code -X DELETE "${T[@]}" "$url/$c/slo?multipart-manifest=delete")"
  for name in hello.txt copy.txt copy2.txt dir/a.txt dir/b.txt dir/sub/c.txt other.txt dlo; do
    http_code -X DELETE "${T[@]}" "$url/$c/$name" >"$tmp/code"
    check "DELETE $name" 204 "$(<"$tmp/code")"
  done
  check "DELETE a missing object -> 404" 404 "$(http_code -X DELETE "${T[@]}" "$url/$c/hello.txt")"
  check "DELETE the empty container -> 204" 204 "$(http_code -X DELETE "${T[@]}" "$url/$c")"

  echo "$PASSED passed, $FAILED failed"
  ((FAILED == 0))
}

usage() {
  sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
}

case ${1:-} in
  start) cmd_start ;;
  stop) cmd_stop ;;
  restart) cmd_stop && cmd_start ;;
  status) cmd_status ;;
  env) cmd_env "${2:-}" ;;
  smoke) cmd_smoke ;;
  wipe) cmd_wipe ;;
  *) usage ;;
esac
