/** Entry points of the site resource manager: configuration, in-process server and the command-line main class. */
package io.isthmus.rms;
