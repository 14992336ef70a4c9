/** The REST edge under /api/v1 (JSON, RFC 9457 problem responses) and the application's data source. */
package io.isthmus.broker.interfaces.rest;
