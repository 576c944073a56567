#!/usr/bin/env bash
# Builds the Gatling Enterprise package offline and checks the simulations are in it.
# Usage (from anywhere): deploy/gatling-enterprise/check-package.sh   Exit 0 when the package holds them all.
set -euo pipefail
cd "$(dirname "$0")/../.."

mvn -B -q -o gatling:enterprisePackage
# The plugin writes target/<artifactId>-<version>-shaded.jar (the test classes and their non-Gatling dependencies).
package=$(ls -t target/*-shaded.jar 2>/dev/null | head -1 || true)
if [[ -z $package ]]; then
  echo "check-package: no target/*-shaded.jar after gatling:enterprisePackage" >&2
  exit 1
fi
contents=$(jar tf "$package")
missing=0
for source in src/test/java/obp/loadtest/simulations/*Simulation.java src/test/java/obp/loadtest/bench/*Simulation.java; do
  class=${source#src/test/java/}
  class=${class%.java}.class
  if ! grep -qx "$class" <<<"$contents"; then
    echo "check-package: $package lacks $class" >&2
    missing=1
  fi
done
grep -qx "application.conf" <<<"$contents" || { echo "check-package: $package lacks application.conf" >&2; missing=1; }
((missing)) && exit 1
echo "check-package: $package holds $(grep -c '\.class$' <<<"$contents") classes, every simulation and application.conf"
