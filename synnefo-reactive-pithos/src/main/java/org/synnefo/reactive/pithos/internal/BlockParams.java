package org.synnefo.reactive.pithos.internal;

/**
 * A container's block size and hash ({@code X-Container-Block-Size}, {@code X-Container-Block-Hash}).
 *
 * @param blockSize the block size
 * @param hasher the block hasher for the container's algorithm
 */
public record BlockParams(int blockSize, BlockHasher hasher) {
}
