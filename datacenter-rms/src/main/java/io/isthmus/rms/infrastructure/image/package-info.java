/** Image catalogs: which images the site's hosts can boot ({@code DirectoryImageCatalog} over {@code site.imageDir}). */
package io.isthmus.rms.infrastructure.image;
