/** Durable bookings in an H2 file database through plain JDBC. */
package io.isthmus.rms.infrastructure.persistence;
