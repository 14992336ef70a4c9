/**
 * Use cases of the BrokerService: reserve, commit, abort, provision, release, terminate, query and console log, plus
 * the timers that expire holds and end windows.
 */
package io.isthmus.broker.application.reservation;
