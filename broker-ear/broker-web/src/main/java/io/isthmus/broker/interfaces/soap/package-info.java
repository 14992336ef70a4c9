/** The BrokerService SOAP edge: the endpoint, the mapping of generated types to the domain, typed faults and schema validation. */
package io.isthmus.broker.interfaces.soap;
