#!/usr/bin/env bash
# benchmarks/peers.sh - side-by-side transfer benchmark against the local Swift started by
# scripts/swift-aio.sh: the same 1 GiB random file and the same directory of 1,000 small files
# (1-64 KiB), uploaded and downloaded by each tool, tools alternating, each measurement
# repeated. For every run: wall time, client CPU (user+sys) and peak RSS from /usr/bin/time,
# and the Swift servers' CPU (utime+stime of their processes, from /proc, before/after) so it
# shows when Swift itself is the bottleneck. Every download is checked byte for byte.
#
#   benchmarks/peers.sh                 # full run: 1 GiB, 1000 files, 3 repeats
#   PEERS_BIG_MB=256 PEERS_SMALL_COUNT=200 PEERS_REPEAT=1 benchmarks/peers.sh   # quick run
#
# Settings (environment):
#   PEERS_TOOLS        tools, in this order in the first repeat (default "curl swift rclone jclouds joss snf")
#   PEERS_BIG_MB       size of the big file in MiB (default 1024)
#   PEERS_SMALL_COUNT  number of small files (default 1000)
#   PEERS_REPEAT       repeats per measurement (default 3)
#   PEERS_THREADS      concurrency given to each tool (default 8)
#   PEERS_SEGMENT_MB   segment size for tools that segment large uploads (default 64)
#   PEERS_TIMEOUT      seconds after which one transfer is killed (default 900)
#   PEERS_WORK         work directory; test data is cached there (default /tmp/peers-bench)
#   PEERS_SNF_JAR      our CLI (default synnefo-reactive-cli/target/snf.jar); row skipped if absent
#   PEERS_SNF_OPTS     extra options for snf (e.g. concurrency or block size), word-split
#   PEERS_JAVA         java binary for snf, jclouds and joss (default java)
#   SNF_JAVA_OPTS      JVM options for snf; unset = the launcher's client defaults
#   PEERS_JAVA_PEERS_OPTS  JVM options for jclouds and joss, word-split; unset = the same as snf's
#                      (SNF_JAVA_OPTS if set, else the defaults read from synnefo-reactive-cli/snf)
#   PEERS_MVN_OPTS     extra options for the build of benchmarks/java-peers (e.g. -o), word-split
#   PEERS_INSTALL      1 (default): apt-get install missing Debian tools (time, python3-swiftclient, rclone)
#   PEERS_KEEP_SWIFT   1: leave Swift running at the end even if this script started it
#   SWIFT_AIO_*        passed on to scripts/swift-aio.sh (port, storage mode, state directory)
#
# Tools and how they are driven (a fair fight: each gets the same concurrency):
#   curl    1 file: one PUT / one GET. Directory: ONE curl process with --parallel
#           --parallel-max $PEERS_THREADS over a generated config (one connection pool, no fork
#           per file): the strongest plain-HTTP baseline. The token is fetched before timing.
#   swift   python3-swiftclient: upload --use-slo -S $PEERS_SEGMENT_MB MiB --segment-threads N
#           (1 file) / --object-threads N (directory), --leave-segments (the container is
#           emptied before each upload, so the HEAD per object that looks for old segments is
#           pointless work); download --object-threads N (checks MD5 except for the SLO).
#   rclone  configured by RCLONE_CONFIG_SWIFT_* env vars (auth v1); copyto/copy -I (never skip),
#           --transfers N --checkers N; large-file defaults kept (single PUT below 5 GiB,
#           4 ranged streams on download above 250 MiB), as they measured fastest here.
#   jclouds jclouds openstack-swift 2.6.0 and JOSS 0.10.4, the Java clients from Maven Central, driven by
#   joss    benchmarks/java-peers (a standalone Maven project, not part of the main build: built here on
#           demand with ./mvnw -f benchmarks/java-peers/pom.xml package when its jar is missing or older
#           than its sources; both rows skipped if that fails or java is missing), one JVM per transfer:
#           java $PEERS_JAVA_PEERS_OPTS -jar java-peers.jar TOOL upload|download|upload-dir|download-dir
#           ... --threads N --segment-mb $PEERS_SEGMENT_MB. jclouds: 1 file = putBlob(multipart()), an SLO
#           whose segments (in the same container) go up on jclouds.user-threads = N threads, with
#           jclouds.mpu.parts.size = the segment size (which 2.6.0 ignores: its parts are 32 MiB);
#           download = getBlob streamed to the file. JOSS: 1 file = uploadObject(File), one PUT;
#           download = downloadObject(File) (checks the MD5). Directories, both: a fixed pool of N
#           threads, one object per file (names small/<file> as the others), a listing for the download.
#           JVM flags: the same as snf's (the launcher's -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
#           -Xmx256m ...), so that no JVM tool gets better JVM tuning than another. They also suit the
#           peers: one quick run each way (256 MiB, 200 files, 2026-11-29) gave jclouds 1.1-1.7 client
#           CPU-s per row with them against 1.9-2.8 with the JVM's defaults, JOSS 0.7-1.7 against
#           1.4-1.8, and equal or lower RSS (PEERS_JAVA_PEERS_OPTS="" runs them with the defaults).
#   snf     synnefo-reactive-cli/snf (the launcher: java with its client JVM defaults, or
#           $SNF_JAVA_OPTS, -jar snf.jar) upload [-r] LOCAL CONTAINER/NAME / download [-r] CONTAINER/NAME LOCAL
#           with --swift-auth/--swift-user/--swift-key, -c/-j N, -b SEGMENT; skipped while the jar is absent.
# Everything talks to 127.0.0.1 only; proxies from the environment are ignored.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SWIFT_AIO=$ROOT/scripts/swift-aio.sh
WORK=$(realpath -m "${PEERS_WORK:-/tmp/peers-bench}")
BIG_MB=${PEERS_BIG_MB:-1024}
SMALL_COUNT=${PEERS_SMALL_COUNT:-1000}
REPEAT=${PEERS_REPEAT:-3}
read -ra TOOLS <<<"${PEERS_TOOLS:-curl swift rclone jclouds joss snf}"
THREADS=${PEERS_THREADS:-8}
SEGMENT_MB=${PEERS_SEGMENT_MB:-64}
TIMEOUT=${PEERS_TIMEOUT:-900}
SNF_JAR=${PEERS_SNF_JAR:-$ROOT/synnefo-reactive-cli/target/snf.jar}
SNF_LAUNCHER=$ROOT/synnefo-reactive-cli/snf
read -ra SNF_OPTS <<<"${PEERS_SNF_OPTS:-}"
JAVA=${PEERS_JAVA:-java}
JAVA_PEERS_DIR=$ROOT/benchmarks/java-peers
JAVA_PEERS_JAR=$JAVA_PEERS_DIR/target/java-peers.jar
read -ra MVN_OPTS <<<"${PEERS_MVN_OPTS:-}"
INSTALL=${PEERS_INSTALL:-1}
PY=/usr/bin/python3
SWIFT_AIO_DIR=$(realpath -m "${SWIFT_AIO_DIR:-/tmp/swift-aio}")
export SWIFT_AIO_DIR

# Loopback only.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
export no_proxy='*' NO_PROXY='*'
CURL=(curl -sS --noproxy '*')

DATA=$WORK/data
OUT=$WORK/out
LOGS=$WORK/log
BIG=$DATA/big-${BIG_MB}MiB.bin
SMALL=$DATA/small-$SMALL_COUNT
BIG_BYTES=$((BIG_MB * 1048576))
STAMP=$(date +%Y%m%d-%H%M%S)
RESULTS=$WORK/results-$STAMP.tsv
CLK_TCK=$(getconf CLK_TCK)

die() { echo "peers: error: $*" >&2; exit 1; }
say() { echo "peers: $*" >&2; }

for v in BIG_MB SMALL_COUNT REPEAT THREADS SEGMENT_MB TIMEOUT; do
  [[ ${!v} =~ ^[1-9][0-9]*$ ]] || die "PEERS_$v must be a positive integer (got ${!v})"
done
((REPEAT <= 20 && SMALL_COUNT <= 100000 && BIG_MB <= 5120)) || die "sizes or repeats out of range"

# ---------------------------------------------------------------------------------------------
# Set-up

ensure_tools() {
  local want=() missing=() p
  want=(time curl python3-swiftclient rclone)
  for p in "${want[@]}"; do
    [[ $(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true) == installed ]] || missing+=("$p")
  done
  ((${#missing[@]} == 0)) && return 0
  [[ $INSTALL == 1 ]] || die "missing Debian packages: ${missing[*]}"
  say "installing ${missing[*]}"
  apt-cache show "${missing[@]}" >/dev/null 2>&1 || apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$LOGS/apt.log" 2>&1 \
    || die "apt-get install failed (see $LOGS/apt.log)"
}

# The test data is made once and kept: a random file, and a directory of random files with
# random sizes between 1 KiB and 64 KiB (seeded, so the same sizes every time).
make_data() {
  mkdir -p "$DATA"
  if [[ ! -f $BIG || $(stat -c %s "$BIG") != "$BIG_BYTES" ]]; then
    say "creating $BIG ($BIG_MB MiB of random bytes)"
    head -c "$BIG_BYTES" /dev/urandom >"$BIG.tmp"
    mv "$BIG.tmp" "$BIG"
  fi
  if [[ ! -f $SMALL.complete ]]; then
    say "creating $SMALL ($SMALL_COUNT files of 1-64 KiB)"
    rm -rf "$SMALL"
    "$PY" - "$SMALL" "$SMALL_COUNT" <<'EOF'
import os, random, sys
d, n = sys.argv[1], int(sys.argv[2])
os.makedirs(d)
rng = random.Random(20261129)
for i in range(n):
    with open(os.path.join(d, "f%05d.bin" % i), "wb") as f:
        f.write(os.urandom(rng.randint(1024, 65536)))
EOF
    (cd "$SMALL" && sha256sum -- f*.bin >"$SMALL.sha256")
    touch "$SMALL.complete" # outside the directory: the tools upload everything in it
  fi
  SMALL_BYTES=$(cd "$SMALL" && cat -- f*.bin | wc -c)
  mapfile -t SMALL_FILES < <(cd "$SMALL" && ls f*.bin)
  ((${#SMALL_FILES[@]} == SMALL_COUNT)) || die "$SMALL holds ${#SMALL_FILES[@]} files, expected $SMALL_COUNT"
}

login() {
  local headers
  headers=$("${CURL[@]}" --max-time 10 -o /dev/null -D - -H "X-Auth-User: $SWIFT_USER" -H "X-Auth-Key: $SWIFT_KEY" "$SWIFT_AUTH_URL") \
    || die "tempauth login failed at $SWIFT_AUTH_URL"
  TOKEN=$(tr -d '\r' <<<"$headers" | sed -n 's/^[Xx]-[Aa]uth-[Tt]oken: *//p')
  STORAGE_URL=$(tr -d '\r' <<<"$headers" | sed -n 's/^[Xx]-[Ss]torage-[Uu]rl: *//p')
  [[ -n $TOKEN && -n $STORAGE_URL ]] || die "tempauth login at $SWIFT_AUTH_URL gave no token"
}

# Empties and deletes a container with one bulk-delete request (not timed).
wipe_container() {
  local c=$1 names list n
  names=$("${CURL[@]}" --max-time 60 -H "X-Auth-Token: $TOKEN" "$STORAGE_URL/$c?format=plain" 2>/dev/null || true)
  if [[ -n $names && $names != *"<html>"* ]]; then
    mapfile -t list <<<"$names"
    for n in "${list[@]}"; do echo "/$c/$n"; done | "${CURL[@]}" --max-time 120 -o /dev/null -X POST -H "X-Auth-Token: $TOKEN" \
      -H 'Content-Type: text/plain' -H 'Accept: application/json' --data-binary @- "$STORAGE_URL?bulk-delete" || true
  fi
  "${CURL[@]}" --max-time 30 -o /dev/null -X DELETE -H "X-Auth-Token: $TOKEN" "$STORAGE_URL/$c" || true
}

# Empties a tool's containers: its own and the _segments one where swift, rclone and snf put SLO
# segments (jclouds puts them in the object's own container, as NAME/slo/..., emptied with the rest).
# curl cannot create a container on upload as the other tools do, so its container is created here,
# outside the timing.
wipe_tool() {
  wipe_container "peers-$1"
  wipe_container "peers-$1_segments"
  if [[ $1 == curl ]]; then
    "${CURL[@]}" --max-time 30 --fail -o /dev/null -X PUT -H "X-Auth-Token: $TOKEN" "$STORAGE_URL/peers-curl" \
      || die "cannot create the container peers-curl"
  fi
}

# CPU ticks of every process in the Swift servers' sessions: each server is a session leader
# (swift-aio.sh starts them with setsid) and its workers share its session. utime+stime plus
# cutime+cstime, because the container-updater forks a child per sweep: once reaped, a child's
# CPU moves into its parent's cutime/cstime, so the sum only grows. Prints three numbers: all of
# Swift, the proxy server's session and the object server's. The object server is one process
# (workers = 1) that MD5s and writes every byte: when it is busy for most of a run's wall time,
# it is what sets the pace, whatever the client.
server_cpu_ticks() {
  local f s pid total=0 proxy=0 object=0 fields t proxy_sid object_sid
  declare -A sids=()
  for f in "$SWIFT_AIO_DIR"/run/*.pid; do
    [[ -f $f ]] || continue
    pid=$(<"$f")
    sids[$pid]=1
  done
  proxy_sid=$(cat "$SWIFT_AIO_DIR/run/proxy.pid" 2>/dev/null) || proxy_sid=none
  object_sid=$(cat "$SWIFT_AIO_DIR/run/object.pid" 2>/dev/null) || object_sid=none
  for f in /proc/[0-9]*/stat; do
    { read -r s <"$f"; } 2>/dev/null || continue
    read -ra fields <<<"${s##*) }"
    # after the command name: [0]=state [3]=session [11]=utime [12]=stime [13]=cutime [14]=cstime
    [[ -n ${sids[${fields[3]}]:-} ]] || continue
    t=$((fields[11] + fields[12] + fields[13] + fields[14]))
    total=$((total + t))
    [[ ${fields[3]} == "$proxy_sid" ]] && proxy=$((proxy + t))
    [[ ${fields[3]} == "$object_sid" ]] && object=$((object + t))
  done
  echo "$total $proxy $object"
}

# Busy CPU ticks of the whole machine (user nice system irq softirq steal from /proc/stat):
# what neither the client nor Swift used during a run is other load (other jobs on a shared
# machine), reported so that noisy runs can be told apart.
machine_busy_ticks() {
  local cpu user nice system idle iowait irq softirq steal rest
  read -r cpu user nice system idle iowait irq softirq steal rest </proc/stat
  : "$cpu" "$idle" "$iowait" "$rest"
  echo $((user + nice + system + irq + softirq + steal))
}

# ---------------------------------------------------------------------------------------------
# The tools. Each function runs one transfer; `measure` times it.

# The command lines are built as arrays (CMD) and run directly under /usr/bin/time, so the
# time and RSS measured are the tool's own (plus `env`/`timeout`, which exec or only wait).
swift_cmd() { CMD=(swift -A "$SWIFT_AUTH_URL" -U "$SWIFT_USER" -K "$SWIFT_KEY" "$@"); }

rclone_cmd() {
  CMD=(env RCLONE_CONFIG_SWIFT_TYPE=swift "RCLONE_CONFIG_SWIFT_AUTH=$SWIFT_AUTH_URL" "RCLONE_CONFIG_SWIFT_USER=$SWIFT_USER"
    "RCLONE_CONFIG_SWIFT_KEY=$SWIFT_KEY" RCLONE_CONFIG_SWIFT_AUTH_VERSION=1
    rclone --config "$WORK/rclone.conf" -q "$@")
}

# snf: -q (no progress lines in the log), -c = segments of one file in flight, -j = files at once
# (the same $THREADS as the others), -b = the SLO segment size the swift CLI gets.
snf_cmd() {
  CMD=(env "JAVA=$JAVA" "SNF_JAR=$SNF_JAR" "$SNF_LAUNCHER" "$@" -q -c "$THREADS" -j "$THREADS" -b "${SEGMENT_MB}M"
    --swift-auth "$SWIFT_AUTH_URL" --swift-user "$SWIFT_USER" --swift-key "$SWIFT_KEY" "${SNF_OPTS[@]}")
}

# The JVM flags of the snf launcher when SNF_JAVA_OPTS is unset, read from the launcher itself so
# that the Java peers get exactly snf's flags.
snf_default_jvm_opts() {
  # shellcheck disable=SC2016 # the launcher's text, not an expansion
  sed -n 's/.*"\${SNF_JAVA_OPTS-\([^}]*\)}".*/\1/p' "$SNF_LAUNCHER" | head -n 1
}

# jclouds/joss: the same threads and segment size as the others; the tempauth credentials go in
# the environment, where java-peers.jar reads them.
java_peer_cmd() {
  CMD=(env "SWIFT_AUTH_URL=$SWIFT_AUTH_URL" "SWIFT_USER=$SWIFT_USER" "SWIFT_KEY=$SWIFT_KEY"
    "$JAVA" "${JAVA_PEERS_OPTS[@]}" -jar "$JAVA_PEERS_JAR" "$@" --threads "$THREADS" --segment-mb "$SEGMENT_MB")
}

# Makes benchmarks/java-peers/target/java-peers.jar ready (once per run): built with the repository's
# wrapper when missing or older than its sources. Fails (with JAVA_PEERS_WHY) when java is missing or
# the build fails, e.g. without network on a machine whose ~/.m2 lacks jclouds or JOSS.
JAVA_PEERS_STATE=
JAVA_PEERS_WHY=
java_peers_ready() {
  if [[ -z $JAVA_PEERS_STATE ]]; then
    JAVA_PEERS_STATE=failed
    if ! command -v "$JAVA" >/dev/null; then
      JAVA_PEERS_WHY="no $JAVA"
    elif [[ -f $JAVA_PEERS_JAR && -z $(find "$JAVA_PEERS_DIR/pom.xml" "$JAVA_PEERS_DIR/src" -newer "$JAVA_PEERS_JAR" -print -quit) ]]; then
      JAVA_PEERS_STATE=ok
    else
      say "building benchmarks/java-peers (jclouds, JOSS) with ./mvnw; log: $LOGS/java-peers-build.log"
      if (cd "$ROOT" && timeout 900 ./mvnw -B -q "${MVN_OPTS[@]}" -f benchmarks/java-peers/pom.xml package) \
        >"$LOGS/java-peers-build.log" 2>&1 && [[ -f $JAVA_PEERS_JAR ]]; then
        JAVA_PEERS_STATE=ok
      else
        JAVA_PEERS_WHY="the build of benchmarks/java-peers failed (see $LOGS/java-peers-build.log)"
      fi
    fi
    if [[ $JAVA_PEERS_STATE == ok ]]; then
      if [[ -v PEERS_JAVA_PEERS_OPTS ]]; then
        read -ra JAVA_PEERS_OPTS <<<"$PEERS_JAVA_PEERS_OPTS"
      elif [[ -v SNF_JAVA_OPTS ]]; then
        read -ra JAVA_PEERS_OPTS <<<"$SNF_JAVA_OPTS"
      else
        read -ra JAVA_PEERS_OPTS <<<"$(snf_default_jvm_opts)"
        ((${#JAVA_PEERS_OPTS[@]} > 0)) || say "jclouds/joss: no JVM defaults found in $SNF_LAUNCHER; running with the JVM's own"
      fi
      say "jclouds/joss: JVM options: ${JAVA_PEERS_OPTS[*]:-(none)}"
    fi
  fi
  [[ $JAVA_PEERS_STATE == ok ]]
}

# curl configs for the directory: one process, parallel transfers, one connection pool.
write_curl_configs() {
  local f
  {
    echo "header = \"X-Auth-Token: $TOKEN\""
    for f in "${SMALL_FILES[@]}"; do
      echo "upload-file = \"$SMALL/$f\""
      echo "url = \"$STORAGE_URL/peers-curl/small/$f\""
      echo "output = \"/dev/null\""
    done
  } >"$WORK/curl-up.cfg"
  {
    echo "header = \"X-Auth-Token: $TOKEN\""
    for f in "${SMALL_FILES[@]}"; do
      echo "url = \"$STORAGE_URL/peers-curl/small/$f\""
      echo "output = \"$OUT/curl/small/$f\""
    done
  } >"$WORK/curl-down.cfg"
}

# command_for <tool> <op>: sets CMD for one transfer; op is up-big, down-big, up-small or
# down-small. Downloads go to $OUT/<tool>.
command_for() {
  local tool=$1 op=$2 o=$OUT/$1
  case $tool:$op in
    curl:up-big) CMD=("${CURL[@]}" --fail -o /dev/null -H "X-Auth-Token: $TOKEN" -T "$BIG" "$STORAGE_URL/peers-curl/big.bin") ;;
    curl:down-big) CMD=("${CURL[@]}" --fail -o "$o/big.bin" -H "X-Auth-Token: $TOKEN" "$STORAGE_URL/peers-curl/big.bin") ;;
    curl:up-small) CMD=("${CURL[@]}" --fail --parallel --parallel-max "$THREADS" -K "$WORK/curl-up.cfg") ;;
    curl:down-small) CMD=("${CURL[@]}" --fail --parallel --parallel-max "$THREADS" -K "$WORK/curl-down.cfg") ;;
    swift:up-big)
      swift_cmd upload --use-slo --segment-size $((SEGMENT_MB * 1048576)) --segment-threads "$THREADS" \
        --leave-segments --object-name big.bin peers-swift "$BIG"
      ;;
    swift:down-big) swift_cmd download --output "$o/big.bin" peers-swift big.bin ;;
    swift:up-small) swift_cmd upload --object-threads "$THREADS" --leave-segments --object-name small peers-swift "$SMALL" ;;
    swift:down-small)
      swift_cmd download --object-threads "$THREADS" --prefix small/ --remove-prefix --output-dir "$o/small" peers-swift
      ;;
    rclone:up-big) rclone_cmd copyto -I "$BIG" swift:peers-rclone/big.bin ;;
    rclone:down-big) rclone_cmd copyto -I swift:peers-rclone/big.bin "$o/big.bin" ;;
    rclone:up-small) rclone_cmd copy -I --transfers "$THREADS" --checkers "$THREADS" "$SMALL" swift:peers-rclone/small ;;
    rclone:down-small) rclone_cmd copy -I --transfers "$THREADS" --checkers "$THREADS" swift:peers-rclone/small "$o/small" ;;
    jclouds:up-big | joss:up-big) java_peer_cmd "$tool" upload "$BIG" "peers-$tool/big.bin" ;;
    jclouds:down-big | joss:down-big) java_peer_cmd "$tool" download "peers-$tool/big.bin" "$o/big.bin" ;;
    jclouds:up-small | joss:up-small) java_peer_cmd "$tool" upload-dir "$SMALL" "peers-$tool/small" ;;   # -> small/<file>
    jclouds:down-small | joss:down-small) java_peer_cmd "$tool" download-dir "peers-$tool/small" "$o/small" ;;
    snf:up-big) snf_cmd upload "$BIG" peers-snf/big.bin ;;
    snf:down-big) snf_cmd download peers-snf/big.bin "$o/big.bin" ;;
    snf:up-small) snf_cmd upload -r "$SMALL" peers-snf/small ;;          # files -> small/<file>
    snf:down-small) snf_cmd download -r peers-snf/small "$o/small" ;;    # small/<file> -> $o/small/<file>
    *) die "no command for $tool $op" ;;
  esac
}

# Checks what a run left: the object(s) on the server after an upload, the bytes after a download.
verify() {
  local tool=$1 op=$2 o=$OUT/$1 got n
  case $op in
    up-big)
      got=$("${CURL[@]}" --max-time 30 -I -H "X-Auth-Token: $TOKEN" "$STORAGE_URL/peers-$tool/big.bin" 2>/dev/null \
        | tr -d '\r' | sed -n 's/^[Cc]ontent-[Ll]ength: *//p' || true)
      [[ $got == "$BIG_BYTES" ]] || { echo "object size $got, expected $BIG_BYTES"; return 1; }
      ;;
    up-small)
      n=$("${CURL[@]}" --max-time 30 -H "X-Auth-Token: $TOKEN" "$STORAGE_URL/peers-$tool?format=plain&prefix=small/" 2>/dev/null \
        | grep -c '^small/f[0-9]*\.bin$' || true)
      ((n == SMALL_COUNT)) || { echo "$n objects under small/, expected $SMALL_COUNT"; return 1; }
      ;;
    down-big)
      cmp -s "$BIG" "$o/big.bin" || { echo "downloaded big.bin differs from the source"; return 1; }
      ;;
    down-small)
      (cd "$o/small" 2>/dev/null && sha256sum --quiet --strict -c "$SMALL.sha256" >/dev/null 2>&1) \
        || { echo "downloaded files differ from the source (sha256)"; return 1; }
      ;;
  esac
}

# The container updater's sweeps are Swift's background bookkeeping, unrelated to the client under
# test (and bursty: a fork per container partition). It is paused (SIGSTOP of its session) while a
# transfer is timed and resumed after, so every tool's "Swift CPU" is the CPU its transfer caused.
updater_signal() {
  local pid
  pid=$(cat "$SWIFT_AIO_DIR/run/container-updater.pid" 2>/dev/null) || return 0
  [[ $pid =~ ^[0-9]+$ ]] && pkill "-$1" -s "$pid" 2>/dev/null || true
}

# measure <tool> <op> <rep>: one timed run, appended to $RESULTS.
measure() {
  local tool=$1 op=$2 rep=$3 tf=$WORK/time.txt log s0 s1 p0 p1 o0 o1 m0 m1 rc=0 status=ok why wall user sys rss bytes files other
  log=$LOGS/$STAMP-$tool-$op-$rep.log
  command_for "$tool" "$op"
  printf '%q ' "${CMD[@]}" >"$log"
  printf '\n' >>"$log"
  updater_signal STOP
  read -r s0 p0 o0 < <(server_cpu_ticks)
  m0=$(machine_busy_ticks)
  /usr/bin/time -o "$tf" -f '%e %U %S %M' timeout "$TIMEOUT" "${CMD[@]}" </dev/null >>"$log" 2>&1 || rc=$?
  m1=$(machine_busy_ticks)
  read -r s1 p1 o1 < <(server_cpu_ticks)
  updater_signal CONT
  read -r wall user sys rss < <(tail -n 1 "$tf")
  other=$(awk -v a="$m0" -v b="$m1" -v s0="$s0" -v s1="$s1" -v u="$user" -v s="$sys" -v t="$CLK_TCK" \
    'BEGIN { o = (b - a - (s1 - s0)) / t - u - s; printf "%.2f", (o < 0 ? 0 : o) }')
  if ((rc != 0)); then
    status="exit-$rc"
  elif ! why=$(verify "$tool" "$op"); then
    status=bad-data
    echo "verify: $why" >>"$log"
  fi
  case $op in
    *-big) bytes=$BIG_BYTES files=1 ;;
    *) bytes=$SMALL_BYTES files=$SMALL_COUNT ;;
  esac
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$op" "$rep" "$wall" "$user" "$sys" "$rss" \
    "$(awk -v a="$s0" -v b="$s1" -v t="$CLK_TCK" 'BEGIN { printf "%.2f", (b - a) / t }')" "$bytes" "$files" "$status" \
    "$other" "$(awk -v a="$p0" -v b="$p1" -v t="$CLK_TCK" 'BEGIN { printf "%.2f", (b - a) / t }')" \
    "$(awk -v a="$o0" -v b="$o1" -v t="$CLK_TCK" 'BEGIN { printf "%.2f", (b - a) / t }')" >>"$RESULTS"
  printf 'peers: rep %d %-7s %-10s %7.2f s  cpu %6.2f s  rss %5d MB  swift cpu %6s s  other cpu %6s s  %s\n' "$rep" "$tool" \
    "$op" "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" $((rss / 1024)) \
    "$(awk -v a="$s0" -v b="$s1" -v t="$CLK_TCK" 'BEGIN { printf "%.2f", (b - a) / t }')" "$other" "$status" >&2
  [[ $status == ok ]] || say "  $tool $op failed ($status): see $log"
}

# ---------------------------------------------------------------------------------------------
# Report: medians per tool and row. "vs curl": MB/s relative to curl (the plain-HTTP baseline,
# close to what the server can take). "vs best peer": relative to the best of the real peers
# (every tool but curl and snf: swift, rclone, jclouds, joss): MB/s (higher is better) and client
# CPU (lower is better).

report() {
  "$PY" - "$RESULTS" "$THREADS" <<'EOF'
import collections, statistics, sys
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    tool, op, rep, wall, user, sys_, rss, srv, nbytes, files, status, other, proxy, obj = line.rstrip("\n").split("\t")
    rows[(op, tool)].append(dict(wall=float(wall), cpu=float(user) + float(sys_), rss=int(rss) / 1024,
                                 srv=float(srv), other=float(other), bytes=int(nbytes), files=int(files), ok=status == "ok",
                                 proxy=float(proxy), obj=float(obj)))
ops = ["up-big", "down-big", "up-small", "down-small"]
names = {"up-big": "upload 1 file", "down-big": "download 1 file",
         "up-small": "upload directory", "down-small": "download directory"}
print("| row | tool | runs ok | median wall s | MB/s | files/s | client CPU s | peak RSS MB | Swift CPU s | Swift cores | proxy CPU s | object server CPU s (busy) | other CPU s | MB/s vs curl | MB/s vs best peer | CPU vs best peer |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for op in ops:
    stats = {}
    for (o, tool), runs in rows.items():
        if o != op:
            continue
        good = [r for r in runs if r["ok"]]
        if not good:
            stats[tool] = None
            continue
        wall = statistics.median(r["wall"] for r in good)
        stats[tool] = dict(n=f"{len(good)}/{len(runs)}", wall=wall, mbs=good[0]["bytes"] / wall / 1e6,
                           fps=good[0]["files"] / wall, cpu=statistics.median(r["cpu"] for r in good),
                           rss=statistics.median(r["rss"] for r in good), srv=statistics.median(r["srv"] for r in good),
                           other=statistics.median(r["other"] for r in good),
                           proxy=statistics.median(r["proxy"] for r in good),
                           obj=statistics.median(r["obj"] for r in good),
                           bytes=good[0]["bytes"])
    peers = [s for t, s in stats.items() if s and t not in ("curl", "snf")]
    curl = stats.get("curl")
    best_mbs = max((s["mbs"] for s in peers), default=None)
    best_cpu = min((s["cpu"] for s in peers), default=None)
    for tool, s in stats.items():
        if s is None:
            print(f"| {names[op]} | {tool} | 0/{len(rows[(op, tool)])} | failed | | | | | | | | | | | | |")
            continue
        fps = f"{s['fps']:.0f}" if op.endswith("small") else "-"
        vcurl = f"{s['mbs'] / curl['mbs']:.2f}" if curl else "-"
        vs = f"{s['mbs'] / best_mbs:.2f}" if best_mbs else "-"
        vc = f"{s['cpu'] / best_cpu:.2f}" if best_cpu else "-"
        mbs = f"{s['mbs']:.0f}" if s["mbs"] >= 10 else f"{s['mbs']:.1f}"
        print(f"| {names[op]} | {tool} | {s['n']} | {s['wall']:.2f} | {mbs} | {fps} | "
              f"{s['cpu']:.2f} | {s['rss']:.0f} | {s['srv']:.2f} | {s['srv'] / s['wall']:.2f} | {s['proxy']:.2f} | "
              f"{s['obj']:.2f} ({100 * s['obj'] / s['wall']:.0f} %) | {s['other']:.2f} | {vcurl} | {vs} | {vc} |")
EOF
}

# ---------------------------------------------------------------------------------------------

main() {
  local started=0 rep i n tool op kind order=()
  mkdir -p "$WORK" "$OUT" "$LOGS"
  : >"$WORK/rclone.conf"
  ensure_tools
  if ! "$SWIFT_AIO" status >/dev/null 2>&1; then
    "$SWIFT_AIO" start
    started=1
  fi
  eval "$("$SWIFT_AIO" env)"
  trap 'updater_signal CONT' EXIT
  login
  make_data
  write_curl_configs

  local tools=()
  for tool in "${TOOLS[@]}"; do
    case $tool in
      curl | swift | rclone) tools+=("$tool") ;;
      snf)
        if [[ -f $SNF_JAR ]] && command -v "$JAVA" >/dev/null; then
          tools+=(snf)
        else
          say "snf: skipped: $SNF_JAR not built yet (./mvnw -pl synnefo-reactive-cli -am package) or no $JAVA"
        fi
        ;;
      jclouds | joss)
        if java_peers_ready; then
          tools+=("$tool")
        else
          say "$tool: skipped: $JAVA_PEERS_WHY"
        fi
        ;;
      *) die "unknown tool $tool (known: curl swift rclone jclouds joss snf)" ;;
    esac
  done
  ((${#tools[@]} > 0)) || die "no tool to run"
  if [[ " ${tools[*]} " == *" snf "* ]]; then
    # The launcher's first run of each kind of transfer (upload or download, of a file or of a tree
    # with -r) writes its class-data archive (AppCDS; about 1 CPU-s, once per jar and JDK, as Debian's
    # Python tools come with their modules compiled), holding the classes that run loaded: done here,
    # untimed and with the same kinds of data as the timed runs (a file one byte over the segment size,
    # so a static large object; a small tree), so that every timed snf run is an ordinary run of a
    # regular user. With a tiny warm-up file the big rows loaded ~880 classes outside the archive.
    local warm=$WORK/warm w
    rm -rf "$warm" && mkdir -p "$warm/tree"
    head -c $((SEGMENT_MB * 1048576 + 1)) /dev/urandom >"$warm/big.bin"
    for i in 1 2 3; do head -c $((i * 3000)) /dev/urandom >"$warm/tree/w$i.bin"; done
    : >"$LOGS/$STAMP-snf-warm.log"
    for w in "upload $warm/big.bin peers-snf/warm.bin" "download peers-snf/warm.bin $warm/big.out" \
      "upload -r $warm/tree peers-snf/warmtree" "download -r peers-snf/warmtree $warm/tree.out"; do
      # shellcheck disable=SC2086 # the words of $w are the arguments
      snf_cmd $w
      "${CMD[@]}" </dev/null >>"$LOGS/$STAMP-snf-warm.log" 2>&1 || say "snf warm-up '$w' failed: see $LOGS/$STAMP-snf-warm.log"
    done
    rm -rf "$warm"
    wipe_tool snf
  fi

  say "Swift $SWIFT_AUTH_URL (storage $(cat "$SWIFT_AIO_DIR/run/storage" 2>/dev/null || echo ?)); big file $BIG_MB MiB;" \
    "$SMALL_COUNT small files ($SMALL_BYTES bytes); $REPEAT repeat(s); $THREADS threads; tools ${tools[*]}"
  say "results: $RESULTS (load average at start: $(cut -d' ' -f1-3 /proc/loadavg))"
  : >"$RESULTS"
  n=${#tools[@]}
  for ((rep = 1; rep <= REPEAT; rep++)); do
    # Alternate: every repeat starts with the next tool, so no tool always runs first/last.
    order=()
    for ((i = 0; i < n; i++)); do order+=("${tools[(i + rep - 1) % n]}"); done
    for kind in big small; do
      for tool in "${order[@]}"; do
        wipe_tool "$tool"
        rm -rf "${OUT:?}/$tool"
        mkdir -p "$OUT/$tool/small"
        for op in "up-$kind" "down-$kind"; do
          measure "$tool" "$op" "$rep"
        done
        rm -rf "${OUT:?}/$tool"
        wipe_tool "$tool"
      done
    done
  done

  echo
  echo "peers.sh: $BIG_MB MiB file, $SMALL_COUNT files of 1-64 KiB ($SMALL_BYTES bytes), $REPEAT repeat(s), $THREADS threads," \
    "Swift storage $(cat "$SWIFT_AIO_DIR/run/storage" 2>/dev/null || echo ?), $(nproc) cores, load average now $(cut -d' ' -f1-3 /proc/loadavg);" \
    "MB = 10^6 bytes; medians of the successful runs"
  echo
  report | tee "${RESULTS%.tsv}.md"
  echo
  echo "Swift cores = Swift server CPU-s / wall s (near $(nproc): Swift saturates the machine). other CPU s = busy CPU of"
  echo "the whole machine minus client and Swift (other jobs; large values mean a noisy run). Raw runs: $RESULTS"

  if ((started)) && [[ ${PEERS_KEEP_SWIFT:-0} != 1 ]]; then
    "$SWIFT_AIO" stop
  fi
}

main "$@"
