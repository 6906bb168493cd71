/**
 * The shared reactive HTTP layer: transport, requests, JSON, faults, resilience, observations, waiters, paging and the service catalog.
 */
package org.synnefo.reactive.core;
