/**
 * The GatewayService SOAP endpoint: maps generated JAX-WS/JAXB types to domain objects and domain exceptions to typed ServiceFaults.
 */
package io.isthmus.gateway.interfaces.soap;
