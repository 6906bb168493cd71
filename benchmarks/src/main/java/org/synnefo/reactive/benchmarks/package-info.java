/**
 * JMH benchmarks.
 */
package org.synnefo.reactive.benchmarks;
