/**
 * Cyclades block storage: volumes, their metadata, snapshots, volume types, and volume waiters.
 */
package org.synnefo.reactive.cyclades.volume;
