#!/usr/bin/env bash
# Runs the data-plane benchmark (issue 4): iperf3 throughput of a direct veth path and of the vxlan and openvpn
# paths through two real gateways in network namespaces, at tenant MTU 1500 and 1450, and the time the stitch
# use cases take for 1, 10 and 50 segments (openvpn: 1 and 10, until every segment carries a ping). Prints
# Markdown on stdout (progress on stderr). Extra arguments go to the benchmark, e.g.
#   examples/bench-dataplane.sh --only=throughput --runs=5
# Options: --only=all|throughput|stitch, --runs, --seconds, --omit, --tenant-mtus, --vxlan-sizes,
# --openvpn-sizes, --repeats, --ping-up-to, --gateway-log=off|on.
# Needs root (namespaces, veths, bridges, TAPs, nftables). Everything it creates (namespaces isbench-*, the
# processes in them, a temporary data directory) is removed at the end, also on failure or Ctrl-C.
# A full run takes about 6 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" -ne 0 ]; then
  echo "bench-dataplane: needs root (it builds network namespaces, veths, bridges and openvpn tunnels):" \
       "sudo $0 $*" >&2
  exit 1
fi
command -v mvn >/dev/null 2>&1 || { echo "needs Maven: apt-get install -y maven" >&2; exit 1; }
for program in iperf3 openvpn openssl nft ip bridge ping ss; do
  command -v "$program" >/dev/null 2>&1 || {
    echo "bench-dataplane: $program is missing: apt-get install -y iperf3 openvpn openssl nftables iproute2" \
         "iputils-ping" >&2
    exit 1
  }
done

module=gateway-node
# Builds (output on stderr, so stdout is the Markdown alone) the modules the benchmark needs (contracts, gateway node) and writes its classpath; works on a fresh clone.
mvn -B -q -ntp -pl "$module" -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >&2
exec java -Xmx512m \
  -cp "$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench.classpath")" \
  io.isthmus.gateway.bench.DataPlaneBenchmark "$@"
