#!/usr/bin/env bash
# Runs the co-allocation load benchmark (issue 9): an emulated federation on ports 18600+, 1,000 reserves from 50
# concurrent clients on contended capacity, then bursts of 100 identical reserves; checks from outside that no
# host or inter-site link is over-committed, that every call got a result or a typed fault, and that nothing is
# held anywhere after the aborts. Prints Markdown on stdout (progress on stderr). Extra arguments go to the
# benchmark, e.g.  examples/bench-load.sh --clients=20 --reserves=200
# Options: --clients, --reserves, --bursts, --run-dir, --ports-base. Takes a few minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v mvn >/dev/null 2>&1 || { echo "needs Maven: apt-get install -y maven" >&2; exit 1; }
# Builds every artifact the federation runs, then the benchmark's classpath; works on a fresh clone.
mvn -B -q -ntp -DskipTests install >&2
mvn -B -q -ntp -pl examples test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >&2
home=$PWD
cd examples   # the requests are made from examples/two-site-vi.xml, as in the system tests
exec java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.isthmus.examples.federation.ReserveLoadBenchmark --home="$home" "$@"
