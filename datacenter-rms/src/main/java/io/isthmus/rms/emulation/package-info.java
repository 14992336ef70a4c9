/**
 * What stands in for a real site's hardware in the emulated federation, here and in tests: a private libvirtd per
 * emulated host (its own network, mount and UTS namespaces) and the small test guest image. Never used by an RMS
 * that manages real hosts.
 */
package io.isthmus.rms.emulation;
