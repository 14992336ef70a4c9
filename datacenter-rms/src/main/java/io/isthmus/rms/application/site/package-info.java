/** Use cases about the site as a whole: free capacity over a window. */
package io.isthmus.rms.application.site;
