/**
 * The search coordinator, its breeding crew, the pulling evaluators, and the watcher that tells
 * whoever awaits a search when its coordinator is gone.
 */
package org.automoe.actors.search;
