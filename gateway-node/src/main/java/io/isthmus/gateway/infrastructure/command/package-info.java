/**
 * Runs external commands as argument arrays with ProcessBuilder and reports their exit code, stdout and stderr.
 */
package io.isthmus.gateway.infrastructure.command;
