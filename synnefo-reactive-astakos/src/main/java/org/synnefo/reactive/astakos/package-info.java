/**
 * The Astakos (identity, quotas, projects) client.
 */
package org.synnefo.reactive.astakos;
