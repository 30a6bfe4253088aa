package sluice.bench;

import io.delta.flink.sink.DeltaSink;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.source.RichParallelSourceFunction;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;

/**
 * bench/ingest, Flink + Delta side: the rows of FlinkParquetIngest (same formula) -> the Delta
 * Flink connector's DeltaSink.forRowData (io.delta:delta-flink: a FileSink Parquet writer per
 * subtask plus a global committer that commits each checkpoint's files to the Delta log with
 * delta-standalone), on a local MiniCluster. Args: TABLE_DIR ROWS PARALLELISM CHECKPOINT_MS.
 *
 * <p>The source emits its share of the ids and then stays idle instead of finishing: with Flink
 * 1.16 the connector's global committer trails the checkpoints (the files of checkpoint N are
 * committed when checkpoint N+1 or N+2 completes), so a job whose source finishes ends before the
 * last checkpoints' files reach the Delta log and those rows are lost (seen with delta-flink 3.3.2
 * on Flink 1.16.3: 132k of 1M rows committed). The job therefore runs until the Delta log's commits
 * account for every row (the sum of commitInfo.operationMetrics.numOutputRows), then is cancelled.
 * The time and CPU measured run from job submission to that last commit.
 *
 * <p>Prints one JSON line: rows, seconds and CPU seconds of the job, Delta commits. Built only
 * with the Maven profile `delta` (see pom.xml and docs/benchmarks.md).
 */
public final class FlinkDeltaIngest {
  static final long TIMEOUT_NANOS = 900L * 1_000_000_000L;
  static final Pattern OUTPUT_ROWS = Pattern.compile("\"numOutputRows\":\"(\\d+)\"");

  /** Subtask k of n emits ids [k*rows/n, (k+1)*rows/n), then idles until cancelled. */
  static final class Generator extends RichParallelSourceFunction<Long> {
    private final long rows;
    private volatile boolean running = true;

    Generator(long rows) {
      this.rows = rows;
    }

    @Override
    public void run(SourceContext<Long> ctx) throws Exception {
      int k = getRuntimeContext().getIndexOfThisSubtask();
      int n = getRuntimeContext().getNumberOfParallelSubtasks();
      long end = rows * (k + 1) / n;
      long i = rows * k / n;
      while (running && i < end) {
        long chunkEnd = Math.min(end, i + 1024);
        synchronized (ctx.getCheckpointLock()) {
          for (; i < chunkEnd; ++i) ctx.collect(i);
        }
      }
      while (running) Thread.sleep(20);
    }

    @Override
    public void cancel() {
      running = false;
    }
  }

  /** Rows committed so far: numOutputRows summed over the commit files not yet seen. */
  static long scanLog(java.nio.file.Path log, Set<String> seen, long committed) throws IOException {
    if (!Files.isDirectory(log)) return committed;
    try (Stream<java.nio.file.Path> files = Files.list(log)) {
      for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) files::iterator) {
        String name = f.getFileName().toString();
        if (!name.endsWith(".json") || name.startsWith(".") || seen.contains(name)) continue;
        Matcher m = OUTPUT_ROWS.matcher(new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
        if (!m.find()) throw new IOException(f + ": commit without commitInfo.operationMetrics.numOutputRows");
        committed += Long.parseLong(m.group(1));
        seen.add(name);
      }
    }
    return committed;
  }

  public static void main(String[] args) throws Exception {
    String out = args[0];
    long rows = Long.parseLong(args[1]);
    int parallelism = Integer.parseInt(args[2]);
    long checkpointMs = Long.parseLong(args[3]);
    RowType rowType = FlinkParquetIngest.rowType();
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(parallelism, new Configuration());
    env.enableCheckpointing(checkpointMs);
    // The connector sets parquet.compression=SNAPPY and UTC timestamps itself.
    DeltaSink<RowData> sink =
        DeltaSink.forRowData(new Path(out), new org.apache.hadoop.conf.Configuration(), rowType).build();
    TypeInformation<RowData> type = InternalTypeInfo.of(rowType);
    env.addSource(new Generator(rows))
        .name("generator")
        .map(new FlinkParquetIngest.ToRow())
        .returns(type)
        .sinkTo(sink)
        .name("delta");
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    java.nio.file.Path log = Paths.get(out, "_delta_log");
    Set<String> seen = new HashSet<>();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    JobClient job = env.executeAsync("ingest-delta");
    long committed = 0;
    while (committed < rows) {
      Thread.sleep(20);
      committed = scanLog(log, seen, committed);
      JobStatus status = job.getJobStatus().get();
      if (status.isTerminalState()) {
        job.getJobExecutionResult().get(); // throws the job's failure, if any
        throw new IllegalStateException("job ended (" + status + ") with " + committed + " of " + rows
            + " rows committed to " + out);
      }
      if (System.nanoTime() - t0 > TIMEOUT_NANOS) {
        job.cancel().get();
        throw new IllegalStateException("timed out with " + committed + " of " + rows + " rows committed");
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
    job.cancel().get();
    if (committed != rows) {
      throw new IllegalStateException(committed + " rows committed, expected " + rows);
    }
    System.out.printf("{\"rows\": %d, \"seconds\": %.4f, \"cpu_seconds\": %.4f, \"commits\": %d}%n", rows,
        seconds, cpu, seen.size());
    System.exit(0);
  }
}
