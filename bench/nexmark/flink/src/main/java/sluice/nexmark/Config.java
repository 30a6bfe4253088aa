package sluice.nexmark;

import java.io.Serializable;

/** What a run generates; the same defaults as sluice's NexmarkConfig. */
public final class Config implements Serializable {
  public long events = 1_000_000;
  public long seed = 0;
  public long eventsPerSecond = 10_000_000;
  public long baseTimeMs = 1_436_918_400_000L;
  public long splitBlock = 10_000;
  public long windowMs = 10_000;
  public long slideMs = 2_000;
}
