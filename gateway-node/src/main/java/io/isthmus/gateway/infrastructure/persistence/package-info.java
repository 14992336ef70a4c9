/**
 * Durable stitch bookings in an embedded H2 file database (plain JDBC).
 */
package io.isthmus.gateway.infrastructure.persistence;
