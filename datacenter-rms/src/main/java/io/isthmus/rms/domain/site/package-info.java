/** The provider site and its hosts: names, capacities, and the exceptions every layer raises. */
package io.isthmus.rms.domain.site;
