/** Capacity calendars: what a resource has booked over time, and what is free over a window. */
package io.isthmus.broker.domain.calendar;
