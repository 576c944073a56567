#!/usr/bin/env bash
# obp-loadtest benchmarks (BENCHMARKS.md): the load generator side by side with wrk, on loopback,
# against standalone emulators this script starts and stops by PID. Each measure runs RUNS times
# (default 3); medians, min and max are printed at the end. About 10-15 minutes on 2 cores.
#   bench/run.sh                 all measures
#   BENCH_ONLY="1 4" bench/run.sh   some of them (1 CPU+throughput, 2 timing, 3 scale, 4 setup, 6 stall flag)
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2

RUNS=${BENCH_RUNS:-3}
# Seconds of load per run for measures 1 and 2 (both tools): long enough that JIT warm-up is a small share.
SECS=${BENCH_SECONDS:-30}
ONLY=${BENCH_ONLY:-1 2 3 4 6}
SCALE_LEVELS=${BENCH_SCALE_LEVELS:-2500 5000 10000}
OUT=target/bench
mkdir -p "$OUT"
RESULTS=$OUT/results.txt
: >"$RESULTS"

# The JVM options gatling-maven-plugin gives its forked JVM, so a direct java run is the same run.
GATLING_JVM=(-Xmx1G -XX:MaxInlineLevel=20 -XX:MaxTrivialSize=12
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED)

say() { echo "bench: $*" >&2; }
record() { echo "$*" >>"$RESULTS"; }
wants() { [[ " $ONLY " == *" $1 "* ]]; }

# ---- build and tools -------------------------------------------------------------------------
if ! mvn -q -B -Dstyle.color=never test-compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt \
    -Dmdep.includeScope=test >"$OUT/build.log" 2>&1; then
  say "the build failed; see $OUT/build.log"; exit 2
fi
CP="target/test-classes:$(cat target/classpath.txt)"
if ! command -v wrk >/dev/null; then
  say "installing wrk"
  SUDO=; ((EUID != 0)) && SUDO=sudo
  { $SUDO apt-get update && $SUDO apt-get install -y wrk; } >"$OUT/apt.log" 2>&1 || say "wrk could not be installed (see $OUT/apt.log); wrk figures are skipped"
fi
HAVE_WRK=0; command -v wrk >/dev/null && HAVE_WRK=1

# ---- standalone emulators, stopped by PID -----------------------------------------------------
EMULATOR_PIDS=()
cleanup() {
  for pid in "${EMULATOR_PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${EMULATOR_PIDS[@]}"; do wait "$pid" 2>/dev/null; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# start_emulator NAME -Dobp.emulator.KEY=VALUE... → sets EMU_PID, EMU_URL, EMU_KEY
start_emulator() {
  local name=$1; shift
  local port; port=$(free_port)
  local log=$OUT/emulator-$name.log
  java -cp "$CP" -Dobp.emulator.port="$port" "$@" obp.loadtest.emulator.EmulatorMain >"$log" 2>&1 &
  EMU_PID=$!
  EMULATOR_PIDS+=("$EMU_PID")
  for _ in $(seq 100); do
    grep -q 'listening on' "$log" && break
    kill -0 "$EMU_PID" 2>/dev/null || { say "emulator $name did not start: $(cat "$log")"; exit 2; }
    sleep 0.2
  done
  EMU_URL=http://127.0.0.1:$port
  EMU_KEY=$(grep -o 'consumer key: .*' "$log" | cut -d' ' -f3)
  say "emulator $name on $EMU_URL (pid $EMU_PID) $*"
}

stop_emulator() {
  kill "$EMU_PID" 2>/dev/null; wait "$EMU_PID" 2>/dev/null
}

# gatling_root LABEL URL WORKERS DURATION_S RAMP_S [extra JVM options] → $OUT/LABEL.log
# The JVM is our own child (no Maven), so /usr/bin/time reports its whole CPU.
gatling_root() {
  local label=$1 url=$2 workers=$3 duration=$4 ramp=$5; shift 5
  timeout $((duration + ramp + 120)) /usr/bin/time -f "TIME wall_s=%e user_s=%U sys_s=%S" \
    java "${GATLING_JVM[@]}" "$@" -cp "$CP" -Dbench.url="$url" -Dbench.workers="$workers" -Dbench.duration="$duration" \
    -Dbench.ramp="$ramp" io.gatling.app.Gatling -s obp.loadtest.bench.RootOnlySimulation -rf "$OUT/gatling" \
    >"$OUT/$label.log" 2>&1
}

# wrk_root LABEL URL → $OUT/LABEL.log (wrk -t2 -c40 -d10s --latency, under /usr/bin/time)
wrk_root() {
  /usr/bin/time -f "TIME wall_s=%e user_s=%U sys_s=%S" wrk -t2 -c40 -d"${SECS}s" --latency "$2/obp/v7.0.0/root" >"$OUT/$1.log" 2>&1
}

# Readers of those logs.
g_cpu() { awk '/^BENCH start/ {for(i=1;i<=NF;i++) if($i ~ /^cpu_s=/){split($i,a,"=");s=a[2]}} /^BENCH end/ {for(i=1;i<=NF;i++) if($i ~ /^cpu_s=/){split($i,a,"=");e=a[2]}} END {printf "%.2f %.2f", s, e-s}' "$1"; }
g_field() { grep -m1 "> $2" "$1" | awk -F'|' '{gsub(/[ ,]/,"",$2); print $2}'; }
g_ko() { grep -m1 "> request count" "$1" | awk -F'|' '{gsub(/[ ,]/,"",$4); print ($4=="-"?0:$4)}'; }
t_cpu() { awk '/^TIME/ {split($3,u,"=");split($4,s,"="); printf "%.2f", u[2]+s[2]}' "$1"; }
w_requests() { awk '/requests in/ {print $1}' "$1"; }
w_rps() { awk '/^Requests\/sec/ {print $2}' "$1"; }
# wrk prints 1.64ms, 224.08us or 1.02s: in ms.
w_pct() { awk -v p="$2%" '$1 == p {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) sub(/ms/,"",v); else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}' "$1"; }

# ---- 1 + 5: CPU per 10,000 requests, and the emulator's throughput --------------------------------
if wants 1; then
  start_emulator cpu
  for run in $(seq "$RUNS"); do
    say "1/5 run $run: Gatling 40 workers × ${SECS} s on /root"
    gatling_root "cpu-gatling-$run" "$EMU_URL" 40 "$SECS" 0
    log=$OUT/cpu-gatling-$run.log
    read -r startup load <<<"$(g_cpu "$log")"
    n=$(g_field "$log" "request count"); total=$(t_cpu "$log")
    record "cpu gatling run=$run requests=$n ko=$(g_ko "$log") startup_cpu_s=$startup load_cpu_s=$load process_cpu_s=$total" \
      "per10k_load=$(awk -v c="$load" -v n="$n" 'BEGIN{printf "%.3f", c*10000/n}')" \
      "per10k_process=$(awk -v c="$total" -v n="$n" 'BEGIN{printf "%.3f", c*10000/n}')" \
      "rps=$(g_field "$log" "mean throughput")"
    if ((HAVE_WRK)); then
      say "1/5 run $run: wrk -t2 -c40 -d${SECS}s on /root"
      wrk_root "cpu-wrk-$run" "$EMU_URL"
      log=$OUT/cpu-wrk-$run.log; n=$(w_requests "$log"); c=$(t_cpu "$log")
      record "cpu wrk run=$run requests=$n process_cpu_s=$c per10k=$(awk -v c="$c" -v n="$n" 'BEGIN{printf "%.3f", c*10000/n}') rps=$(w_rps "$log")"
    fi
  done
  stop_emulator
fi

# ---- 2: timing accuracy against a fixed 100 ms -----------------------------------------------------
if wants 2; then
  # writes scope: a GET must not hold one of the 20 pool connections through its 100 ms, or 40 workers
  # queue for the pool and every answer takes ~200 ms (the emulator's default REQUEST scope does that).
  start_emulator timing -Dobp.emulator.latency='*=100ms' -Dobp.emulator.connection-scope=writes
  for run in $(seq "$RUNS"); do
    say "2 run $run: Gatling 40 workers × ${SECS} s on /root + 100 ms"
    gatling_root "timing-gatling-$run" "$EMU_URL" 40 "$SECS" 0
    log=$OUT/timing-gatling-$run.log
    record "timing gatling run=$run p50_ms=$(g_field "$log" "response time 50th") p99_ms=$(g_field "$log" "response time 99th percentile") ko=$(g_ko "$log")"
    if ((HAVE_WRK)); then
      say "2 run $run: wrk -t2 -c40 -d${SECS}s on /root + 100 ms"
      wrk_root "timing-wrk-$run" "$EMU_URL"
      log=$OUT/timing-wrk-$run.log
      record "timing wrk run=$run p50_ms=$(w_pct "$log" 50) p99_ms=$(w_pct "$log" 99)"
    fi
  done
  stop_emulator
fi

# ---- 3: scale: concurrent workers in one JVM, heap ≤ 1 GiB ----------------------------------------
# A 5 s answer keeps 10,000 workers in flight at ~2,000 req/s, which 2 cores can serve; GETs borrow
# a pool connection briefly (writes scope) so the emulator's pool is not what limits.
if wants 3; then
  start_emulator scale -Dobp.emulator.latency='*=5s' -Dobp.emulator.connection-scope=writes -Xss512k \
    -Dsun.net.httpserver.maxIdleConnections=20000
  levels=($SCALE_LEVELS)
  top=${levels[-1]}
  plan=("${levels[@]}")
  for _ in $(seq 2 "$RUNS"); do plan+=("$top"); done
  i=0
  for workers in "${plan[@]}"; do
    i=$((i + 1))
    say "3 run $i: Gatling $workers workers, 10 s ramp + 20 s, answers take 5 s"
    gc=$OUT/scale-$i-gc.log
    gatling_root "scale-$i" "$EMU_URL" "$workers" 20 10 "-Xlog:gc:file=$gc"
    log=$OUT/scale-$i.log
    read -r _ _ <<<"$(g_cpu "$log")"
    heap=$(grep -o 'M->[0-9]*M' "$gc" | tr -dc '0-9\n' | sort -n | tail -1)
    pauses=$(grep -o '[0-9.]*ms$' "$gc" | tr -d 'ms' | awk '{s+=$1} END {printf "%.0f", s}')
    full=$(grep -c 'Pause Full' "$gc")
    wall=$(awk '/^TIME/ {split($2,w,"="); print w[2]}' "$log")
    record "scale run=$i workers=$workers requests=$(g_field "$log" "request count") ko=$(g_ko "$log")" \
      "mean_ms=$(g_field "$log" "mean response time") max_ms=$(g_field "$log" "max response time") rps=$(g_field "$log" "mean throughput")" \
      "max_heap_after_gc_mb=${heap:-0} gc_pause_ms=$pauses full_gcs=$full wall_s=$wall"
  done
  stop_emulator
fi

# ---- 4: setup, 50 users concurrently (16 in flight) vs serially (1 in flight) -------------------------
if wants 4; then
  for latency in 0ms 5ms; do
    start_emulator "setup-$latency" -Dobp.emulator.latency="*=$latency"
    say "4: provisioning 50 users, 1 vs 16 in flight, +$latency per request"
    timeout 300 java -cp "$CP" obp.loadtest.bench.ProvisioningBenchmark "$EMU_URL" "$EMU_KEY" 50 "$RUNS" >"$OUT/setup-$latency.log" 2>&1
    grep '^BENCH provision' "$OUT/setup-$latency.log" | sed "s/^BENCH provision/setup latency=$latency/" >>"$RESULTS"
    stop_emulator
  done
fi

# ---- 6: stall flag latency: threshold crossed → in-flight flag printed -------------------------------
# The stall probe holds 3 s; with --slow-threshold 1s each probe is flagged once, in flight.
if wants 6; then
  start_emulator stall -Dobp.emulator.connector-dial-timeout=3s
  for run in $(seq "$RUNS"); do
    say "6 run $run: ./run.sh v7 sweep, 5 workers, stall probe on, --slow-threshold 1s"
    ./run.sh --host "$EMU_URL" --consumer "$EMU_KEY" --loop-accounts 0 --loop-consents 0 --loop-v7 1 --workers-v7 5 \
      --users-v7 1 --stall-probe true --slow-threshold 1s --request-timeout 10s --pool-sample-interval 0 \
      --summary "$OUT/stall-$run.json" --log "$OUT/stall-$run.log" >/dev/null 2>&1
    grep -o 'still waiting after [0-9.]* s' "$OUT/stall-$run.log" | awk -v r="$run" '{printf "stall run=%s flag_after_threshold_s=%.1f\n", r, $4 - 1}' >>"$RESULTS"
  done
  stop_emulator
fi

# ---- summary -------------------------------------------------------------------------------------
# stats KIND FIELD [FILTER]: median, min, max of FIELD over the results lines starting with KIND.
stats() {
  grep "^$1" "$RESULTS" | grep -e "${3:-.}" | grep -o " $2=[0-9.]*" | cut -d= -f2 | sort -g |
    awk '{v[NR]=$1} END {if (NR==0) {print "n/a"; exit} m = NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2; printf "%.3f (min %.3f, max %.3f, n=%d)\n", m, v[1], v[NR], NR}'
}
median() { stats "$@" | awk '{print $1}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a+0 == 0 || b+0 == 0) print "n/a"; else printf "%.2f", a/b}'; }
minus100() { awk -v v="$1" 'BEGIN {if (v == "n/a") print "n/a"; else printf "%+.1f", v-100}'; }

echo
echo "==== obp-loadtest benchmarks: $(nproc) cores, $(free -g | awk '/^Mem/ {print $2}') GiB, $(java -version 2>&1 | head -1) ===="
echo "raw results: $RESULTS; logs: $OUT/"
if wants 1; then
  echo "1. CPU-seconds per 10,000 requests on /root, 40 connections (median (min, max)):"
  echo "   Gatling, load phase:          $(stats 'cpu gatling' per10k_load)"
  echo "   Gatling, whole process:       $(stats 'cpu gatling' per10k_process)"
  echo "   Gatling JVM start-up to load: $(stats 'cpu gatling' startup_cpu_s) CPU-s"
  echo "   wrk, whole process:           $(stats 'cpu wrk' per10k)"
  echo "   ratio Gatling load / wrk:     $(ratio "$(median 'cpu gatling' per10k_load)" "$(median 'cpu wrk' per10k)")  (target ≤ 3)"
  echo "   Gatling throughput:           $(stats 'cpu gatling' rps) req/s"
  echo "5. Emulator throughput, wrk:    $(stats 'cpu wrk' rps) req/s  (target ≥ 10,000)"
fi
if wants 2; then
  echo "2. Timing error at 40 workers, answers of 100 ms (ms over 100; target p50 ≤ +2, p99 ≤ +10):"
  echo "   Gatling p50 $(minus100 "$(median 'timing gatling' p50_ms)")  p99 $(minus100 "$(median 'timing gatling' p99_ms)")   raw p50 $(stats 'timing gatling' p50_ms), p99 $(stats 'timing gatling' p99_ms)"
  echo "   wrk     p50 $(minus100 "$(median 'timing wrk' p50_ms)")  p99 $(minus100 "$(median 'timing wrk' p99_ms)")   raw p50 $(stats 'timing wrk' p50_ms), p99 $(stats 'timing wrk' p99_ms)"
fi
if wants 3; then
  echo "3. Scale (Gatling -Xmx1G, answers of 5 s, 10 s ramp + 20 s):"
  grep '^scale' "$RESULTS" | sed 's/^/   /'
  top=$(echo $SCALE_LEVELS | awk '{print $NF}')
  echo "   at $top workers: heap after GC $(stats scale max_heap_after_gc_mb "workers=$top ") MB, GC pauses $(stats scale gc_pause_ms "workers=$top ") ms, KO $(stats scale ko "workers=$top ")"
fi
if wants 4; then
  for latency in 0ms 5ms; do
    s=$(median "setup latency=$latency" seconds 'limit=1 '); c=$(median "setup latency=$latency" seconds 'limit=16 ')
    echo "4. Setup, 50 users, +$latency/request: serial $(stats "setup latency=$latency" seconds 'limit=1 ') s; concurrent $(stats "setup latency=$latency" seconds 'limit=16 ') s; speed-up $(ratio "$s" "$c")× (target ≥ 5)"
  done
fi
if wants 6; then
  echo "6. Stall flag, seconds from crossing the 1 s threshold to the flag: $(stats stall flag_after_threshold_s)  (target ≤ 1)"
fi
