/**
 * The gateway's use cases: two-phase prepare/commit/abort, stitch/unstitch, status, the lease rules (capped holds,
 * a VLAN calendar over reservation windows, teardown past a window's end), the periodic reaper and reconciling the
 * data plane at start-up.
 */
package io.isthmus.gateway.application.stitch;
