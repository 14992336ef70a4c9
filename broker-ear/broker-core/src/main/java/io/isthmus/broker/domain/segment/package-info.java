/** Federation-wide network identifiers: VNIs of segments and MAC addresses of L1 NICs, never handed out twice. */
package io.isthmus.broker.domain.segment;
