/** Two-phase co-allocation across sites and gateways: prepare everywhere, record the decision, then commit or abort everywhere. */
package io.isthmus.broker.application.coallocation;
