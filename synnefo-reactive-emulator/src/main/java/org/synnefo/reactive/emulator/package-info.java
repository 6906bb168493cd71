/**
 * An embedded Synnefo-compatible server for tests, demos and local development.
 */
package org.synnefo.reactive.emulator;
