/**
 * Search spaces: immutable descriptions of the choices an architecture may take (AutoMoE, Jawahar
 * et al. 2023, section 3; HAT, Wang et al. 2020).
 */
package org.automoe.core.space;
