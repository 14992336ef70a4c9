/** JPA repositories of reservations and federation-wide allocations (VNIs, MAC addresses). */
package io.isthmus.broker.infrastructure.persistence;
