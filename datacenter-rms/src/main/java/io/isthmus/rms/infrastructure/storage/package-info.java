/** Per-VM storage on the site's hosts: overlays, NoCloud seeds and console logs (the InstanceStorage port). */
package io.isthmus.rms.infrastructure.storage;
