package org.automoe.actors;

/**
 * Marks a message that may cross nodes: it has a protobuf twin in {@code actors.wire} and the
 * project's serializer is bound to this interface.
 */
public interface WireMessage {}
