/** Reservations of virtual infrastructures: the entity, its three NSI-style state machines, typed ids and the business exceptions. */
package io.isthmus.broker.domain.reservation;
