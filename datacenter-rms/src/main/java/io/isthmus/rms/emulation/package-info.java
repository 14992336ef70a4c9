/**
 * What stands in for a real site's hardware in the emulated federation, here and in tests: a private libvirtd per
 * emulated host (its own network, mount and UTS namespaces) and the small test guest image ({@code isthmus-test}),
 * built once from the host's Debian packages (kernel, busybox, iperf3) and cached until one of its inputs changes.
 * Never used by an RMS that manages real hosts.
 */
package io.isthmus.rms.emulation;
