/**
 * Symmetric mappers between domain values and their protobuf twins; the only package that imports
 * generated wire types. Readers validate: bad bytes become a {@link
 * org.automoe.actors.wire.WireFormatException} naming the field, never a half-built value.
 */
package org.automoe.actors.wire;
