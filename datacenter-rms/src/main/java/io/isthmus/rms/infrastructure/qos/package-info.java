/** Linux traffic control for VM ports: the tc HTB {@code QosDriver}, its command builder and process runner. */
package io.isthmus.rms.infrastructure.qos;
