#!/usr/bin/env bash
# Runs the guest boot benchmark (issue 10): an emulated federation on ports 18700+ whose hosts each run their own
# libvirtd with QEMU; for reservations of 1, 5 and 10 L1 VMs of the test image, the time from the provision call to
# its answer and to every guest answering ping from the tenant's LAN across the tunnels, and each guest's QEMU
# resident memory. Prints Markdown on stdout (progress on stderr). Needs root. Extra arguments go to the benchmark,
# e.g.  examples/bench-guests.sh --sizes=1,5
set -euo pipefail
cd "$(dirname "$0")/.."
command -v mvn >/dev/null 2>&1 || { echo "needs Maven: apt-get install -y maven" >&2; exit 1; }
[[ $(id -u) -eq 0 ]] || { echo "needs root (network namespaces, one libvirtd per emulated host)" >&2; exit 1; }
mvn -B -q -ntp -DskipTests install >&2
mvn -B -q -ntp -pl examples test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >&2
home=$PWD
exec java -Xmx1g -cp "examples/target/test-classes:examples/target/classes:$(cat examples/target/bench.classpath)" \
  io.isthmus.examples.federation.GuestBootBenchmark --home="$home" "$@"
