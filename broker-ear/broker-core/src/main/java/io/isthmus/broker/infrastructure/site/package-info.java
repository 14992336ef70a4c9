/** SOAP clients of the SiteRmsService and the GatewayService, mapping their generated types to the broker's domain. */
package io.isthmus.broker.infrastructure.site;
