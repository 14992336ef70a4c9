/** Use cases of the BrokerService: reserve, commit, abort, provision, release, terminate and query, plus the timers that expire holds and end windows. */
package io.isthmus.broker.application.reservation;
