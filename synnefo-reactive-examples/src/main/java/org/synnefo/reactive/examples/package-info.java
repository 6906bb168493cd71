/**
 * The tour of the seed scenarios.
 */
package org.synnefo.reactive.examples;
