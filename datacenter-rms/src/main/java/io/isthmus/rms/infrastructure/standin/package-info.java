/**
 * Embedded default only: a stand-in NIC for each L1 VM on the libvirt test driver, a network namespace with
 * a veth per NIC carrying the VM's MAC and IP and plugged into the segment bridge, so traffic really flows.
 */
package io.isthmus.rms.infrastructure.standin;
