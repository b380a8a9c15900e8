/**
 * {@code automoe serve}: the search service over gRPC ({@code automoe.v1.SearchService}, the
 * standard health service and server reflection), the searches it holds in its data folder, and its
 * security (bearer token, TLS).
 */
package org.automoe.cluster.service;
