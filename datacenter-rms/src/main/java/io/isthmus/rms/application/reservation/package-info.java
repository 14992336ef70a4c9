/** Use cases of one reservation at this site: hold, commit, abort, provision, release, terminate, status, reaping. */
package io.isthmus.rms.application.reservation;
