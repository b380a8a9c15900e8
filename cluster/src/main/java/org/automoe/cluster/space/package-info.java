/** `automoe space` and `automoe cost`: search spaces from names or files, surveys, exact cost. */
package org.automoe.cluster.space;
