/** Fault injection for the crash tests: the broker kills itself with SIGKILL at a named point when told to. */
package io.isthmus.broker.infrastructure.fault;
