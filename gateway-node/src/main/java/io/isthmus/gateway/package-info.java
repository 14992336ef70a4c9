/**
 * Gateway node entry points: configuration, the in-process server that publishes the SOAP endpoint, and the main class.
 */
package io.isthmus.gateway;
