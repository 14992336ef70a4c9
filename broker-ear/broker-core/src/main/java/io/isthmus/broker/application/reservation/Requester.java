package io.isthmus.broker.application.reservation;

/** Who calls and which call this is: the header every BrokerService request carries. */
public record Requester(String requesterId, String correlationId) {
}
