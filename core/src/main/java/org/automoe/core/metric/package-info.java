/**
 * Translation metrics. BLEU follows sacreBLEU 2.x (Post, 2018) exactly, so scores are comparable
 * with the field's published numbers.
 */
package org.automoe.core.metric;
