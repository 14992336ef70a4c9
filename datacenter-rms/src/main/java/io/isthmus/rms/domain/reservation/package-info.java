/** Bookings of host capacity by a broker reservation: ids, windows, states and the repository port. */
package io.isthmus.rms.domain.reservation;
