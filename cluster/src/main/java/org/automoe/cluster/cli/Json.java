package org.automoe.cluster.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The JSON the commands write (result files, {@code --json} output): compact Gson of records, maps
 * and lists. Users script against these files, so the conventions are fixed here once: an empty
 * {@link Optional} leaves its key out, NaN and infinities become null, paths are strings.
 */
public final class Json {
  private static final Gson GSON =
      new GsonBuilder()
          .disableHtmlEscaping()
          .registerTypeAdapterFactory(new OptionalAdapters())
          .registerTypeAdapter(Double.class, new FiniteDouble())
          .registerTypeAdapter(double.class, new FiniteDouble())
          .registerTypeHierarchyAdapter(Path.class, new PathAsString())
          .create();

  private Json() {}

  /** One compact JSON value, without a trailing newline. */
  public static String write(Object value) {
    return GSON.toJson(value);
  }

  /** NaN and infinities are not JSON: they are written as null, as Python's readers expect. */
  private static final class FiniteDouble extends TypeAdapter<Double> {
    @Override
    public void write(JsonWriter out, Double v) throws IOException {
      if (v == null || v.isNaN() || v.isInfinite()) {
        boolean keep = out.getSerializeNulls();
        out.setSerializeNulls(true); // a NaN field stays present, as null
        out.nullValue();
        out.setSerializeNulls(keep);
      } else {
        out.value(v.doubleValue());
      }
    }

    @Override
    public Double read(JsonReader in) {
      throw new UnsupportedOperationException("write-only");
    }
  }

  private static final class PathAsString extends TypeAdapter<Path> {
    @Override
    public void write(JsonWriter out, Path p) throws IOException {
      out.value(p.toString());
    }

    @Override
    public Path read(JsonReader in) {
      throw new UnsupportedOperationException("write-only");
    }
  }

  /** Optionals write their value, or nothing at all (the key is dropped with the null). */
  private static final class OptionalAdapters implements TypeAdapterFactory {
    @Override
    @SuppressWarnings("unchecked")
    public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
      Class<?> raw = type.getRawType();
      if (raw == OptionalDouble.class) {
        return (TypeAdapter<T>)
            writeOnly(
                (JsonWriter out, OptionalDouble v) -> {
                  if (v.isPresent()) {
                    gson.getAdapter(Double.class).write(out, v.getAsDouble());
                  } else {
                    out.nullValue();
                  }
                });
      }
      if (raw == OptionalLong.class) {
        return (TypeAdapter<T>)
            writeOnly(
                (JsonWriter out, OptionalLong v) -> {
                  if (v.isPresent()) {
                    out.value(v.getAsLong());
                  } else {
                    out.nullValue();
                  }
                });
      }
      if (raw != Optional.class) {
        return null;
      }
      Type inner =
          type.getType() instanceof ParameterizedType p
              ? p.getActualTypeArguments()[0]
              : Object.class;
      TypeAdapter<Object> value = (TypeAdapter<Object>) gson.getAdapter(TypeToken.get(inner));
      return (TypeAdapter<T>)
          writeOnly(
              (JsonWriter out, Optional<?> v) -> {
                if (v.isPresent()) {
                  value.write(out, v.get());
                } else {
                  out.nullValue();
                }
              });
    }
  }

  private interface Writer<V> {
    void write(JsonWriter out, V value) throws IOException;
  }

  private static <V> TypeAdapter<V> writeOnly(Writer<V> writer) {
    return new TypeAdapter<>() {
      @Override
      public void write(JsonWriter out, V v) throws IOException {
        if (v == null) {
          out.nullValue();
        } else {
          writer.write(out, v);
        }
      }

      @Override
      public V read(JsonReader in) {
        throw new UnsupportedOperationException("write-only");
      }
    };
  }
}
