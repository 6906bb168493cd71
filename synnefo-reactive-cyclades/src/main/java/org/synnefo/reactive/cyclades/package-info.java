/**
 * The Cyclades clients: {@link org.synnefo.reactive.cyclades.compute.CycladesComputeClient compute},
 * {@link org.synnefo.reactive.cyclades.network.CycladesNetworkClient network},
 * {@link org.synnefo.reactive.cyclades.volume.CycladesBlockStorageClient block storage} and the Plankton
 * {@link org.synnefo.reactive.cyclades.image.ImageClient image} client, plus {@link WaitOptions}, the per-call
 * overrides shared by every waiter. Each client is immutable, built with {@code .endpoint(url).token(t)} or
 * {@code .endpoints(resolver)}, and shares the connection pool of its {@code ClientOptions}.
 */
package org.synnefo.reactive.cyclades;
