/**
 * The Pithos+ object storage client and its transfer engine.
 *
 * <p>{@link org.synnefo.reactive.pithos.PithosClient} covers the object-store API (accounts, containers,
 * objects, sharing, publishing, versions, hashmaps). Its transfers
 * ({@code uploadObject}, {@code downloadObject}, directory transfers) speak the hashmap protocol: uploads
 * send only the blocks the server lacks and check the resulting Merkle hash; downloads fetch each unique
 * block once, pinned to the object, verify every block and resume from partial files. A transfer buffers
 * at most {@code concurrency + 1} blocks whatever the object's size.
 *
 * <p>Progress: the {@code ...WithProgress} variants return a cold {@code Flux} of
 * {@link org.synnefo.reactive.pithos.transfer.TransferEvent}s: progress snapshots, then one
 * {@code Completed} event with the result. Metrics go to the options' Micrometer registry when one is set.
 */
package org.synnefo.reactive.pithos;
