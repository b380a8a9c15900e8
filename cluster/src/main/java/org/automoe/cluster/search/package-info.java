/**
 * `automoe search`: a search on the embedded cluster, what it opens (supernet, predictor, cost
 * model), its report files and the finalists measured after it.
 */
package org.automoe.cluster.search;
