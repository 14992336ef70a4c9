/** Layer-2 identifiers a node NIC carries: the broker's VNI and MAC address. */
package io.isthmus.rms.domain.segment;
