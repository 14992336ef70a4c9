/**
 * What the emulated federation boots as real L1 guests: the small test guest image ({@code isthmus-test}), built
 * once from the host's Debian packages (kernel, busybox, iperf3) and cached until one of its inputs changes.
 */
package io.isthmus.rms.emulation;
