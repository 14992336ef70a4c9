#!/usr/bin/env bash
# Runs the placement benchmark (issue 3): the partitioning engine against the annealing baseline at 10, 30, 100
# and 1,000 nodes, and against the exact branch-and-bound optimum at 10 and 30 nodes. Prints Markdown on stdout
# (progress on stderr). Extra arguments go to the benchmark, e.g.
#   examples/bench-placement.sh --sizes=10,30 --instances=20 --seed=2
# Options: --sizes, --instances (one count or one per size), --seed, --exact-up-to, --exact-budget.
# A full run takes about 10 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."

module=broker-ear/broker-core
command -v mvn >/dev/null 2>&1 || { echo "needs Maven: sudo apt-get install -y maven" >&2; exit 1; }
# Builds the modules the benchmark needs (contracts, broker core) and writes its classpath; works on a fresh clone.
mvn -B -q -ntp -pl "$module" -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Xms1g -Xmx2g \
  -cp "$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench.classpath")" \
  io.isthmus.broker.domain.placement.bench.PlacementBenchmark "$@"
