package sluice.nexmark;

/**
 * The Nexmark event model, bit for bit the same as sluice's
 * src/sluice/nexmark/event_model.{h,cc} and events.cc: event kinds by index,
 * id arithmetic, the counter-based random numbers and the field recipes.
 * Keep the two in step (the benchmark compares result checksums).
 */
public final class Model {
  private Model() {}

  public static final long PERSON_PROPORTION = 1;
  public static final long AUCTION_PROPORTION = 3;
  public static final long BID_PROPORTION = 46;
  public static final long TOTAL_PROPORTION = 50;
  public static final long FIRST_PERSON_ID = 1000;
  public static final long FIRST_AUCTION_ID = 1000;
  public static final long FIRST_CATEGORY_ID = 10;
  public static final long NUM_CATEGORIES = 5;
  public static final long NUM_ACTIVE_PEOPLE = 1000;
  public static final long NUM_IN_FLIGHT_AUCTIONS = 100;
  public static final long PERSON_ID_LEAD = 10;
  public static final long AUCTION_ID_LEAD = 10;
  public static final long HOT_AUCTION_RATIO = 2;
  public static final long HOT_SELLER_RATIO = 4;
  public static final long HOT_BIDDER_RATIO = 4;
  public static final long HOT_CHANNEL_RATIO = 2;
  public static final long HOT_GROUP = 100;
  public static final int AVG_PERSON_BYTES = 200;
  public static final int AVG_AUCTION_BYTES = 500;
  public static final int AVG_BID_BYTES = 100;
  public static final int NUM_CHANNELS = 10000;
  public static final long EVENT_STREAM = 0;
  public static final long CHANNEL_STREAM = 1;

  public static final int PERSON = 0;
  public static final int AUCTION = 1;
  public static final int BID = 2;

  public static int kindOf(long event) {
    long off = event % TOTAL_PROPORTION;
    if (off < PERSON_PROPORTION) return PERSON;
    return off < PERSON_PROPORTION + AUCTION_PROPORTION ? AUCTION : BID;
  }

  public static long lastBase0PersonId(long event) {
    long epoch = event / TOTAL_PROPORTION;
    long off = event % TOTAL_PROPORTION;
    if (off >= PERSON_PROPORTION) off = PERSON_PROPORTION - 1;
    return epoch * PERSON_PROPORTION + off;
  }

  public static long lastBase0AuctionId(long event) {
    long epoch = event / TOTAL_PROPORTION;
    long off = event % TOTAL_PROPORTION;
    if (off < PERSON_PROPORTION) {
      --epoch;
      off = AUCTION_PROPORTION - 1;
    } else if (off >= PERSON_PROPORTION + AUCTION_PROPORTION) {
      off = AUCTION_PROPORTION - 1;
    } else {
      off -= PERSON_PROPORTION;
    }
    return epoch * AUCTION_PROPORTION + off;
  }

  public static long eventTimestamp(Config c, long event) {
    return c.baseTimeMs + event * 1000 / c.eventsPerSecond;
  }

  /** splitmix64 over a counter started from (seed, index, stream). */
  public static final class Rng {
    private long state;

    public Rng(long seed, long index, long stream) {
      reset(seed, index, stream);
    }

    public void reset(long seed, long index, long stream) {
      state = seed * 0x9E3779B97F4A7C15L ^ index * 0xC2B2AE3D27D4EB4FL ^ stream * 0x165667B19E3779F9L;
    }

    public long next() {
      long z = (state += 0x9E3779B97F4A7C15L);
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      return z ^ (z >>> 31);
    }

    public long nextInt(long n) {
      return ((next() >>> 32) * n) >>> 32;
    }

    public double nextDouble() {
      return (next() >>> 11) * 0x1.0p-53;
    }
  }

  private static final double[] POWERS = {1.0, 10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0};
  private static final double[] INV_FACT = new double[13];

  static {
    INV_FACT[0] = 1.0;
    for (int k = 1; k <= 12; ++k) INV_FACT[k] = INV_FACT[k - 1] / k;
  }

  public static double pow10(double x) {
    int k = (int) x;
    double f = x - k;
    double y = f * 2.302585092994046 / 16.0;
    final double[] c = INV_FACT;
    double y2 = y * y;
    double y4 = y2 * y2;
    double y8 = y4 * y4;
    double a0 = c[0] + c[1] * y, a1 = c[2] + c[3] * y, a2 = c[4] + c[5] * y;
    double a3 = c[6] + c[7] * y, a4 = c[8] + c[9] * y, a5 = c[10] + c[11] * y;
    double b0 = a0 + a1 * y2, b1 = a2 + a3 * y2, b2 = a4 + a5 * y2;
    double d0 = b0 + b1 * y4, d1 = b2 + c[12] * y4;
    double sum = d0 + d1 * y8;
    for (int i = 0; i < 4; ++i) sum = sum * sum;
    return sum * POWERS[k];
  }

  public static long nextPrice(Rng r) {
    double p = pow10(r.nextDouble() * 6.0) * 100.0;
    return (long) (p + 0.5);
  }

  private static final byte[] SPACE_TABLE = charTable((byte) ' ');
  private static final byte[] UNDERSCORE_TABLE = charTable((byte) '_');

  private static byte[] charTable(byte special) {
    byte[] t = new byte[256];
    for (int b = 0; b < 256; ++b) t[b] = b < 20 ? special : (byte) ('a' + b % 26);
    return t;
  }

  /** Appends len random characters at out[at..]; returns the new end. */
  public static int appendChars(Rng r, int len, char special, byte[] out, int at) {
    byte[] table = special == '_' ? UNDERSCORE_TABLE : SPACE_TABLE;
    int j = 0;
    for (; j + 8 <= len; j += 8) {
      long bits = r.next();
      for (int k = 0; k < 8; ++k) out[at + j + k] = table[(int) ((bits >>> (8 * k)) & 0xff)];
    }
    if (j < len) {
      long bits = r.next();
      for (int k = 0; j < len; ++j, ++k) out[at + j] = table[(int) ((bits >>> (8 * k)) & 0xff)];
    }
    return at + len;
  }

  /** Appends 3 .. maxLen-1 random characters. */
  public static int appendString(Rng r, long maxLen, char special, byte[] out, int at) {
    return appendChars(r, (int) (3 + r.nextInt(maxLen - 3)), special, out, at);
  }

  public static String string(byte[] b, int from, int to) {
    return new String(b, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  public static String nextExtra(Rng r, long current, long avg, byte[] scratch) {
    if (current > avg) return "";
    long desired = avg - current;
    long delta = (desired + 2) / 5;
    long size = desired - delta + (delta == 0 ? 0 : r.nextInt(2 * delta));
    int end = appendChars(r, (int) size, ' ', scratch, 0);
    return string(scratch, 0, end);
  }

  public static long nextBase0PersonId(Rng r, long event) {
    long people = lastBase0PersonId(event) + 1;
    long active = Math.min(people, NUM_ACTIVE_PEOPLE);
    return people - active + r.nextInt(active + PERSON_ID_LEAD);
  }

  public static long nextBase0AuctionId(Rng r, long event) {
    long last = lastBase0AuctionId(event);
    long lo = Math.max(last - NUM_IN_FLIGHT_AUCTIONS, 0);
    return lo + r.nextInt(last - lo + 1 + AUCTION_ID_LEAD);
  }
}
