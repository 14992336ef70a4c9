/** The broker's settings, read from MicroProfile Config (system properties, environment, microprofile-config.properties). */
package io.isthmus.broker.infrastructure.config;
