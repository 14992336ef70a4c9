/**
 * The gateway's use cases: two-phase prepare/commit/abort, stitch/unstitch, status, reaping expired holds and reconciling the data plane at start-up.
 */
package io.isthmus.gateway.application.stitch;
