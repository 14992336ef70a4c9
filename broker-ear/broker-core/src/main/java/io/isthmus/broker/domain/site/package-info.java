/** What the broker knows of a provider site and a gateway: the participants of a co-allocation and the driver interfaces that reach them. */
package io.isthmus.broker.domain.site;
