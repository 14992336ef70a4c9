/** What guards the broker's HTTP edge before SOAP or REST reads a request. */
package io.isthmus.broker.interfaces.http;
