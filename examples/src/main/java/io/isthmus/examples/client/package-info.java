/** The SOAP client of the broker: reads a VI document, drives reserve → commit → provision → release → terminate. */
package io.isthmus.examples.client;
