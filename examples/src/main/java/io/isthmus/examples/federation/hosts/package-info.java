/**
 * The emulated sites' L0 hosts as hypervisors: one private libvirtd per host namespace with the site's image catalog
 * and an instance pool, so the site RMSs start real QEMU guests.
 */
package io.isthmus.examples.federation.hosts;
