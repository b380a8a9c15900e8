package org.automoe.core.search;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.automoe.core.evo.Seeds;

/**
 * The architectures a search has drawn, as 64-bit hashes of their canonical keys in one open-
 * addressing table: at most 16 bytes per architecture (8 per slot, at most half the slots in use),
 * where a set of key strings holds about 200. Two different keys share a hash with probability
 * about n^2 / 2^65 over n keys (under 3e-8 for a million), and then the second architecture is
 * taken for a repeat and drawn again; nothing else can go wrong.
 */
final class SeenKeys {
  /** Marks a free slot; a key hashing to it is stored as {@link #ZERO_STANDIN}. */
  private static final long FREE = 0L;

  private static final long ZERO_STANDIN = 0x9E3779B97F4A7C15L;

  private long[] slots = new long[1024];
  private int size;

  /** Adds {@code key}; false when it (or a key with the same hash) was there already. */
  boolean add(String key) {
    if (2 * (size + 1) > slots.length) {
      grow();
    }
    if (!insert(slots, hash(key))) {
      return false;
    }
    size++;
    return true;
  }

  boolean contains(String key) {
    long h = hash(key);
    int mask = slots.length - 1;
    for (int i = index(h, mask); ; i = (i + 1) & mask) {
      if (slots[i] == FREE) {
        return false;
      }
      if (slots[i] == h) {
        return true;
      }
    }
  }

  int size() {
    return size;
  }

  /** Every hash held, in ascending order: the set as a snapshot keeps it. */
  long[] hashes() {
    long[] out = new long[size];
    int n = 0;
    for (long h : slots) {
      if (h != FREE) {
        out[n++] = h;
      }
    }
    Arrays.sort(out);
    return out;
  }

  /** The set of {@link #hashes} taken from a snapshot. */
  static SeenKeys of(long[] hashes) {
    SeenKeys seen = new SeenKeys();
    for (long h : hashes) {
      if (h == FREE) {
        throw new IllegalArgumentException("a key hash of 0 cannot be held; it marks a free slot");
      }
      if (2 * (seen.size + 1) > seen.slots.length) {
        seen.grow();
      }
      if (insert(seen.slots, h)) {
        seen.size++;
      }
    }
    return seen;
  }

  /** Bytes the table holds now (for reports of retained memory). */
  long bytes() {
    return 8L * slots.length;
  }

  private void grow() {
    long[] bigger = new long[slots.length * 2];
    for (long h : slots) {
      if (h != FREE) {
        insert(bigger, h);
      }
    }
    slots = bigger;
  }

  private static boolean insert(long[] table, long h) {
    int mask = table.length - 1;
    for (int i = index(h, mask); ; i = (i + 1) & mask) {
      if (table[i] == FREE) {
        table[i] = h;
        return true;
      }
      if (table[i] == h) {
        return false;
      }
    }
  }

  private static int index(long h, int mask) {
    return (int) (h ^ (h >>> 32)) & mask;
  }

  /** FNV-1a over the key's UTF-8 bytes, then SplitMix64's finaliser to spread the bits. */
  static long hash(String key) {
    long h = 0xcbf29ce484222325L;
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    h = Seeds.mix(h);
    return h == FREE ? ZERO_STANDIN : h;
  }
}
