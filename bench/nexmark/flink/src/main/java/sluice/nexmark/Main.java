package sluice.nexmark;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs one Nexmark query in a local MiniCluster and prints the same report as
 * `sluice nexmark run`: elapsed, events/s, process CPU seconds during the
 * job (JobClock), result rows and checksum.
 * Usage: Main --query q5 --events N [--parallelism P] [--rate R] [--seed S]
 */
public final class Main {
  public static void main(String[] args) throws Exception {
    Config c = new Config();
    String query = "q0";
    int parallelism = 1;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--query": query = args[i + 1]; break;
        case "--events": c.events = Long.parseLong(args[i + 1]); break;
        case "--parallelism": parallelism = Integer.parseInt(args[i + 1]); break;
        case "--rate": c.eventsPerSecond = Long.parseLong(args[i + 1]); break;
        case "--seed": c.seed = Long.parseLong(args[i + 1]); break;
        case "--window-ms": c.windowMs = Long.parseLong(args[i + 1]); break;
        case "--slide-ms": c.slideMs = Long.parseLong(args[i + 1]); break;
        default: throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Configuration conf = new Configuration();
    conf.set(TaskManagerOptions.NUM_TASK_SLOTS, parallelism);
    conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(64));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
    env.getConfig().enableObjectReuse();
    Queries.build(query, env, c).addSink(new Checksum.Sink()).name("checksum");

    long t0 = System.nanoTime();
    JobExecutionResult r = env.execute("nexmark " + query);
    double total = (System.nanoTime() - t0) / 1e9;
    double elapsed = JobClock.elapsedSeconds();
    double cpu = JobClock.cpuSeconds();
    long rows = r.getAccumulatorResult("rows");
    long sum = r.getAccumulatorResult("checksum");
    System.out.printf("query: %s%nevents: %d%nparallelism: %d%n", query, c.events, parallelism);
    System.out.printf("elapsed_s: %.3f%nevents_per_s: %.0f%ncpu_s: %.3f%n", elapsed, c.events / elapsed, cpu);
    System.out.printf("execute_s: %.3f%n", total);
    System.out.printf("result_rows: %d%nchecksum: %016x%n", rows, sum);
  }
}
