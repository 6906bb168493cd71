/**
 * Cyclades compute: servers, actions, flavors, images via compute, keypairs, tags, volume attachments, and server waiters.
 */
package org.synnefo.reactive.cyclades.compute;
