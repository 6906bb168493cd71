/**
 * Public types of the Pithos transfer engine: options, progress and results of uploads and downloads.
 */
package org.synnefo.reactive.pithos.transfer;
