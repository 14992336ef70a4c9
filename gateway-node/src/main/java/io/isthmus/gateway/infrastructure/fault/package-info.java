/** Fault injection for crash tests: the gateway kills itself with SIGKILL at a named point when told to. */
package io.isthmus.gateway.infrastructure.fault;
