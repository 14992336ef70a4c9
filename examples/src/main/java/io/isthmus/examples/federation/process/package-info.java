/** Child processes of the federation: launching with logs, readiness over ?wsdl, resident memory, stopping. */
package io.isthmus.examples.federation.process;
