/** Linux traffic control for VM ports: the tc HTB {@code QosDriver} and its command builder. */
package io.isthmus.rms.infrastructure.qos;
