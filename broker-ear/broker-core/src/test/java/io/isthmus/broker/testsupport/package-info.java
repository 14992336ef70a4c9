/**
 * Test helpers: valid virtual infrastructure requests to vary, and a real H2 file database behind the "isthmus"
 * persistence unit.
 */
package io.isthmus.broker.testsupport;
