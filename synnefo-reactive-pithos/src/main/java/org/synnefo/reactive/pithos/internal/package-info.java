/**
 * Internals of the Pithos client: block hashing and the Merkle root, request descriptions, and the
 * upload and download pipelines. Not an API; may change at any time.
 */
package org.synnefo.reactive.pithos.internal;
