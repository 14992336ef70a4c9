/** libvirt-java adapter: connections per URI, the event loop, DOM serializers for domain and test-node XML. */
package io.isthmus.rms.infrastructure.libvirt;
