package sluice.nexmark;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wall and process CPU time of the running job only: from the first source
 * subtask starting to the last sink subtask closing (the MiniCluster runs in
 * this JVM, so the task threads and main() share these statics). Excludes
 * cluster start-up and teardown, which sluice does not have.
 */
public final class JobClock {
  private JobClock() {}

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  static final AtomicLong startNanos = new AtomicLong();
  static final AtomicLong startCpu = new AtomicLong();
  static final AtomicLong endNanos = new AtomicLong();
  static final AtomicLong endCpu = new AtomicLong();

  static synchronized void sourceStarted() {
    if (startNanos.get() == 0) {
      startCpu.set(OS.getProcessCpuTime());
      startNanos.set(System.nanoTime());
    }
  }

  static synchronized void sinkClosed() {
    endNanos.set(System.nanoTime());
    endCpu.set(OS.getProcessCpuTime());
  }

  static double elapsedSeconds() {
    return (endNanos.get() - startNanos.get()) / 1e9;
  }

  static double cpuSeconds() {
    return (endCpu.get() - startCpu.get()) / 1e9;
  }
}
