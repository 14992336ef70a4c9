/** Configuration files and command lines of the site RMS, gateway and broker processes of the federation. */
package io.isthmus.examples.federation.config;
