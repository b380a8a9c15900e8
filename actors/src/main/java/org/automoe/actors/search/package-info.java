/** The search coordinator, its breeding crew and the pulling evaluators. */
package org.automoe.actors.search;
