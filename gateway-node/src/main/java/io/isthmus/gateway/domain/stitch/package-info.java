/**
 * Stitch bookings: what a reservation asked this gateway to join (segment, VNI, tunnel kind, VLAN, peers), their states and their repository.
 */
package io.isthmus.gateway.domain.stitch;
