#!/usr/bin/env bash
# obp-loadtest launcher: the Go tool's long-form flags, turned into -Dobp.* properties for the
# simulation, which run.sh then runs in one JVM of its own (obp.loadtest.run.Main, started with exec:
# Gatling in-process, the JVM options of gatling-jvm.options, the classes Maven compiled once).
# That JVM's exit code is run.sh's; Ctrl-C reaches it directly, and its shutdown hook still writes the
# summary and prints the verdict; it copies its console into the log itself.
# Every flag, its env var and default come from src/test/resources/application.conf, read through the
# generated run-flags.txt beside it.
# Exit codes: 0 pass, 1 verdict failure, 2 usage/config error, 3 setup failure, 130 interrupted.
# `mvn gatling:test` stays the Gatling-native way to run a simulation (Maven exits 0 or 1 only).
set -uo pipefail
cd "$(dirname "$0")" || exit 2

FLAGS=src/test/resources/run-flags.txt
SIMULATION=${OBP_SIMULATION_CLASS:-obp.loadtest.simulations.FullRunSimulation}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java

# flag|env|config path|default|description, one line per setting: the catalogue as Java reads it from
# application.conf (config/SettingsCatalog.flagTable), kept beside it so no build is needed first; a test
# fails when the copy is stale. '|' is a field separator bash's read keeps empty fields between.
catalog() {
  grep -v '^#' "$FLAGS"
}

usage() {
  cat <<'HEAD'
Usage: ./run.sh [--flag VALUE]...

Load-tests an OBP-API server: provisions a user, bank, accounts, views, roles and consents,
runs the accounts, consents and v7.0.0 phases, and prints a verdict on the connection pool.
With no --host (and no OBP_API_HOST) it runs against the built-in OBP emulator.
Settings, lowest precedence first: defaults < .env < environment < flags.

HEAD
  catalog | while IFS='|' read -r flag env path default desc; do
    printf '  %-34s %s (default: %s)\n      %s\n' "$flag VALUE" "$env" "${default:-none}" "$desc"
  done
  cat <<'TAIL'
  --help                             Show this help
  merge [--out FILE] SUMMARY...      Merge the summaries of --shard I/N generators into one summary and verdict

Boolean flags may be given alone (--strict) or with a value (--strict false).
Durations take a unit (500ms, 30s, 2m); a bare number is seconds.

Exit codes:
  0  pass: the verdict is not a failure
  1  verdict failure: timeouts, unexpected statuses or connection errors (slow requests too with --strict),
     or a missed --threshold
  2  usage or configuration error (nothing was sent)
  3  setup failure (the step, HTTP status and OBP message are printed)
  130 interrupted (the summary and log are still written)

Thresholds: --threshold '<target>: <metric> <op> <value>', repeatable; target is all, v7 sweep, a group
(v7 user, v7 no-auth, v7 role-gated, accounts, consents) or an endpoint (GET /users); metrics p50 p95
p99 max mean (ms, s), error-rate (%), throughput (/s), count. E.g. --threshold 'v7 user: p95 < 800ms'.
A missed threshold fails the run (exit 1); a malformed one is a usage error (exit 2).

Outputs: last_run.log (console copy), last_run.json (summary), last_run.html (verdict page),
last_run.md (Markdown summary), target/obp-loadtest/junit.xml (JUnit XML), history/ (every summary),
target/gatling/*/index.html (Gatling report, with verdict.html beside it).
TAIL
}

declare -A FLAG_PATH FLAG_DEFAULT FLAG_ENV FLAG_SECRET
while IFS='|' read -r flag env path default desc; do
  FLAG_PATH[$flag]=$path
  FLAG_DEFAULT[$flag]=$default
  FLAG_ENV[$flag]=$env
  [[ $desc == *"(secret)"* ]] && FLAG_SECRET[$flag]=1
done < <(catalog)

# Secrets never go on a command line (any local user can read those with ps): a secret flag is
# exported as its environment variable (/proc/PID/environ is readable by the owner only), and
# run.sh then replaces itself with a copy of its command line that no longer holds the secret.
# ./run.sh merge [--out FILE] SUMMARY...: the shards of one run into one summary and verdict (no load is sent).
merge_args=()
merge=0
if [[ ${1:-} == merge ]]; then
  shift; merge=1; merge_args=("$@"); set --
fi

props=()
kept_args=()
secret_flags=0
thresholds=
while (($#)); do
  arg=$1; shift
  case $arg in
    -h|--help) usage; exit 0 ;;
    --*=*) flag=${arg%%=*}; value=${arg#*=}; has_value=1 ;;
    --*) flag=$arg; value=; has_value=0 ;;
    *) echo "obp-loadtest: unexpected argument '$arg' (flags are long-form: see ./run.sh --help)" >&2; exit 2 ;;
  esac
  if [[ -z ${FLAG_PATH[$flag]+x} ]]; then
    echo "obp-loadtest: unknown flag $flag (see ./run.sh --help)" >&2; exit 2
  fi
  if ((!has_value)); then
    default=${FLAG_DEFAULT[$flag]}
    if [[ $default == true || $default == false ]] && { (($# == 0)) || [[ $1 == --* ]]; }; then
      value=true
    elif (($# == 0)); then
      echo "obp-loadtest: $flag needs a value (see ./run.sh --help)" >&2; exit 2
    else
      value=$1; shift
    fi
  fi
  # --threshold is repeatable: its values add up, ';'-separated, into one setting.
  if [[ ${FLAG_PATH[$flag]} == obp.thresholds ]]; then
    thresholds+="${thresholds:+;}$value"
    kept_args+=("$flag=$value")
    continue
  fi
  if [[ -n ${FLAG_SECRET[$flag]+x} ]]; then
    export "${FLAG_ENV[$flag]}=$value"
    secret_flags=1
    continue
  fi
  kept_args+=("$flag=$value")
  props+=("-D${FLAG_PATH[$flag]}=$value")
done
if ((secret_flags)); then
  exec "$PWD/$(basename "$0")" "${kept_args[@]}"
fi
[[ -n $thresholds ]] && props+=("-Dobp.thresholds=$thresholds")

# Compile once, and again only when a source changed; cache the test classpath for java -cp.
# OBP_SKIP_BUILD=1 (the end-to-end tests) runs what is already compiled, with OBP_CLASSPATH.
if [[ ${OBP_SKIP_BUILD:-} == 1 ]]; then
  classpath=${OBP_CLASSPATH:?OBP_SKIP_BUILD=1 needs OBP_CLASSPATH}
else
  stamp=target/.obp-loadtest-built
  if [[ ! -f $stamp || ! -f target/classpath.txt || -n $(find pom.xml gatling.conf src -newer "$stamp" -print -quit 2>/dev/null) ]]; then
    mkdir -p target
    if ! mvn -q -B -Dstyle.color=never -Dspotless.check.skip=true test-compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test >target/build.log 2>&1; then
      echo "obp-loadtest: the build failed; see target/build.log" >&2
      exit 2
    fi
    touch "$stamp"
  fi
  classpath="target/test-classes:$(cat target/classpath.txt)"
fi

if ((merge)); then
  exec "$JAVA" -cp "$classpath" obp.loadtest.merge.MergeMain "${merge_args[@]}"
fi

# One JVM, which replaces this shell: it validates every layer (.env, environment, flags) before
# anything is sent (exit 2), runs Gatling, and exits with the code the run earned.
exec "$JAVA" @gatling-jvm.options -cp "$classpath" "${props[@]}" obp.loadtest.run.Main "$SIMULATION"
