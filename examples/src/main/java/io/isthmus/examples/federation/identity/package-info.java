/**
 * The federation's identity provider: Keycloak unpacked once into a cache and started per run with realm
 * {@code isthmus} imported from the repository, and the realm's contract (clients, roles, claims, demo accounts).
 */
package io.isthmus.examples.federation.identity;
