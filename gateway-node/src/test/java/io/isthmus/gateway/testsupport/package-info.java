/**
 * Test helpers: real network namespaces (named isthtest-*) and veth wiring, created and always deleted by tests.
 */
package io.isthmus.gateway.testsupport;
