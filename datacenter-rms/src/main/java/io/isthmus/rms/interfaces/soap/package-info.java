/** The SiteRmsService SOAP edge: maps generated JAX-WS types to domain objects and domain exceptions to typed faults. */
package io.isthmus.rms.interfaces.soap;
