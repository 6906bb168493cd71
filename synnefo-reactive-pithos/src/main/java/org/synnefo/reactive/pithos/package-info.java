/**
 * The Pithos+ object storage client and its transfer engine.
 */
package org.synnefo.reactive.pithos;
