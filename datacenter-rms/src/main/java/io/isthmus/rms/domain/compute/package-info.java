/** L1 virtual machines as the site sees them: domain names, specs, observed state and the ComputeDriver port. */
package io.isthmus.rms.domain.compute;
