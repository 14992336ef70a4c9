/**
 * Test helpers: real network namespaces (named isthtest-*) and veth wiring, created and always deleted by tests;
 * a recording fake command runner for counting the commands a use case runs.
 */
package io.isthmus.gateway.testsupport;
