/**
 * Internals of the Cyclades clients (JSON readers, HTTP client assembly, waiter assembly). Not API.
 */
package org.synnefo.reactive.cyclades.internal;
