#!/usr/bin/env bash
# Lists the production members under src/test/java that only *Test classes (and the test-only
# helpers) use. javac resolves every use, so overloads and common names are told apart; what it
# cannot see (reflection, private members, overrides) is described in tools/TestOnlyMethods.java.
# Exit 0 when there are none, 1 when there are, 2 when it could not check.
set -euo pipefail
cd "$(dirname "$0")/.."
cp_file=$(mktemp)
mvn_log=$(mktemp)
trap 'rm -f "$cp_file" "$mvn_log"' EXIT
if ! mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >"$mvn_log" 2>&1; then
    cat "$mvn_log" >&2
    exit 2
fi
java tools/TestOnlyMethods.java src/test/java "$(cat "$cp_file")"
