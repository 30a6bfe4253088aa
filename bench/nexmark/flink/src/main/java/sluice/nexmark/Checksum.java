package sluice.nexmark;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.sink.RichSinkFunction;

/** The result digest of sluice's result_checksum.h: sum of row hashes mod 2^64. */
public final class Checksum {
  private Checksum() {}

  public static final long ROW_SEED = 0x9E3779B97F4A7C15L;
  public static final long NULL_BITS = 0x6E756C6C6E756C6CL;

  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** h = length; per 8-byte little-endian word (the last zero-padded): h = mix(h ^ word). ASCII only. */
  public static long stringHash(String s) {
    int n = s.length();
    long h = n;
    int i = 0;
    for (; i + 8 <= n; i += 8) {
      long w = 0;
      for (int k = 0; k < 8; ++k) w |= (long) (s.charAt(i + k) & 0xff) << (8 * k);
      h = mix(h ^ w);
    }
    if (i < n) {
      long w = 0;
      for (int k = 0; i + k < n; ++k) w |= (long) (s.charAt(i + k) & 0xff) << (8 * k);
      h = mix(h ^ w);
    }
    return h;
  }

  /** Builds one row hash: start(), then add each column in order. */
  public static long start() {
    return ROW_SEED;
  }

  public static long add(long h, long v) {
    return mix(h ^ v);
  }

  public static long add(long h, double v) {
    return mix(h ^ Double.doubleToRawLongBits(v));
  }

  public static long add(long h, String v) {
    return mix(h ^ (v == null ? NULL_BITS : stringHash(v)));
  }

  /** Sums row hashes into the job's "rows" and "checksum" accumulators. */
  public static class Sink extends RichSinkFunction<Long> {
    private final LongCounter rows = new LongCounter();
    private final LongCounter sum = new LongCounter();

    @Override
    public void open(Configuration parameters) {
      getRuntimeContext().addAccumulator("rows", rows);
      getRuntimeContext().addAccumulator("checksum", sum);
    }

    @Override
    public void close() {
      JobClock.sinkClosed();
    }

    @Override
    public void invoke(Long h, Context context) {
      rows.add(1L);
      sum.add(h);
    }
  }
}
