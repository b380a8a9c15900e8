/** `automoe bleu`: sacreBLEU-exact corpus BLEU from the command line. */
package org.automoe.cluster.metric;
