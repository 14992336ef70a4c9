/**
 * Child processes of the federation: launching with logs and environment changes, readiness over HTTP, resident
 * memory, stopping.
 */
package io.isthmus.examples.federation.process;
