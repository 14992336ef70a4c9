/**
 * The emulated site data plane: every host is a network namespace carrying segment bridges and a veth
 * stand-in per L1 VM, driven through the provision, release and terminate of reservations.
 */
package io.isthmus.rms.infrastructure.dataplane;
