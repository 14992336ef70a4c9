/**
 * The data-plane benchmark (a program, not a test): iperf3 throughput of the vxlan and openvpn paths through two real
 * gateways against a direct veth path, and the time stitches take; run with {@code examples/bench-dataplane.sh}.
 */
package io.isthmus.gateway.bench;
