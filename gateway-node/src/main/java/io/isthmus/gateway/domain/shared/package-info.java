/**
 * Typed identifiers shared by every gateway context and the domain exceptions the SOAP edge turns into typed faults.
 */
package io.isthmus.gateway.domain.shared;
