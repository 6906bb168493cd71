/**
 * The Cyclades (compute, network, block storage, image) clients.
 */
package org.synnefo.reactive.cyclades;
