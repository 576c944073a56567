#!/usr/bin/env bash
# Starts the OBP API emulator standalone and prints its URL and consumer key; Ctrl-C stops it.
# Settings are the obp.emulator keys of src/test/resources/application.conf, e.g.
#   ./emulator.sh -Dobp.emulator.port=8080 -Dobp.emulator.pool-size=2
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -f target/test-classes/obp/loadtest/emulator/EmulatorMain.class ] \
   || [ -n "$(find src/test pom.xml -newer target/test-classes/obp/loadtest/emulator/EmulatorMain.class -print -quit)" ]; then
  mvn -q -B -Dspotless.check.skip=true test-compile
fi
if [ ! -f target/classpath.txt ] || [ pom.xml -nt target/classpath.txt ]; then
  mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test
fi
java_opts=()
for arg in "$@"; do
  case "$arg" in
    -D*) java_opts+=("$arg") ;;
    *) echo "emulator.sh: unknown argument '$arg' (use -Dobp.emulator.KEY=VALUE)" >&2; exit 2 ;;
  esac
done
exec java "${java_opts[@]}" -cp "target/test-classes:$(cat target/classpath.txt)" obp.loadtest.emulator.EmulatorMain
