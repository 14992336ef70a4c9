/** The emulated underlay: network namespaces, a WAN bridge and veth pairs, made with iproute2 as argument arrays. */
package io.isthmus.examples.federation.topology;
