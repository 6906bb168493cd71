/**
 * Cyclades network: networks, subnets, ports, floating IPs, and port and network waiters.
 */
package org.synnefo.reactive.cyclades.network;
