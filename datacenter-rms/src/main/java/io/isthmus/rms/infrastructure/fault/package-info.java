/** Fault injection for the crash tests: the RMS kills itself with SIGKILL at a named point when told to. */
package io.isthmus.rms.infrastructure.fault;
