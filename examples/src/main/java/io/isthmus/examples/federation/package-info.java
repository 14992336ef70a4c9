/** The emulated federation: options, the launcher that starts and stops every part, and its command line. */
package io.isthmus.examples.federation;
