/**
 * Plankton images: registration from Pithos, listing, metadata headers, updates and members.
 */
package org.synnefo.reactive.cyclades.image;
