/**
 * Use cases of one reservation at this site: hold, commit, abort, provision, release, terminate, status, console
 * log, reaping.
 */
package io.isthmus.rms.application.reservation;
