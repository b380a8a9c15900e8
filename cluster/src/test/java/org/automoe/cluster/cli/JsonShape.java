package org.automoe.cluster.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * The shape of a JSON text: its keys in order, their nesting, and the kind of each value ({@code
 * int}, {@code float}, {@code string}, {@code bool}, {@code null}; an array lists its elements'
 * distinct shapes). Tests pin the shape of what users script against, so that a refactoring cannot
 * rename, reorder or retype a key unnoticed.
 */
public final class JsonShape {
  private JsonShape() {}

  /** The shape of one JSON value, e.g. {@code {a:int,b:[float],c:{d:string}}}. */
  public static String of(String json) {
    return of(JsonParser.parseString(json));
  }

  private static String of(JsonElement e) {
    if (e.isJsonNull()) {
      return "null";
    }
    if (e.isJsonObject()) {
      return e.getAsJsonObject().entrySet().stream()
          .map(k -> k.getKey() + ":" + of(k.getValue()))
          .collect(Collectors.joining(",", "{", "}"));
    }
    if (e.isJsonArray()) {
      return StreamSupport.stream(e.getAsJsonArray().spliterator(), false)
          .map(JsonShape::of)
          .distinct()
          .collect(Collectors.joining("|", "[", "]"));
    }
    JsonPrimitive p = e.getAsJsonPrimitive();
    if (p.isBoolean()) {
      return "bool";
    }
    if (p.isString()) {
      return "string";
    }
    return p.getAsString().matches("-?\\d+") ? "int" : "float"; // the number as written
  }
}
