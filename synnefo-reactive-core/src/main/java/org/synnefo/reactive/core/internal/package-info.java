/**
 * The HTTP engine behind {@link org.synnefo.reactive.core.http.SynnefoHttpClient}: Reactor Netty
 * exchange, fault parsing, error mapping, retry, Resilience4j breaker/rate limiter/bulkhead and Micrometer
 * instrumentation. Not API: anything here may change without notice; service modules never use it.
 */
package org.synnefo.reactive.core.internal;
