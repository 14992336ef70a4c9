/**
 * Running host tools (ip, bridge, tc, ovs-vsctl) from argument arrays, never through a shell: the shared
 * {@link io.isthmus.rms.infrastructure.command.CommandRunner} and what a finished command left behind.
 */
package io.isthmus.rms.infrastructure.command;
