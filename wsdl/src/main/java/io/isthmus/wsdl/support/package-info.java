/**
 * Enforcement of the contract at every SOAP edge (broker, site RMS, gateway): requests are checked against the XSDs
 * before they are unmarshalled, and every refusal is the contract's typed {@code serviceFault}.
 */
package io.isthmus.wsdl.support;
