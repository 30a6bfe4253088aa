package sluice.bench;

import java.lang.management.ManagementFactory;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.formats.parquet.row.ParquetRowDataBuilder;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.TimestampType;
import org.apache.flink.table.types.logical.VarCharType;

/**
 * bench/ingest, Flink side: a number sequence mapped to the rows of
 * `sluice stream-test ingest` (same formula) -> FileSink of Parquet files,
 * committed on each checkpoint, on a local MiniCluster. Args: OUT_DIR ROWS PARALLELISM CHECKPOINT_MS.
 * Prints one JSON line: rows, seconds and CPU seconds of the job.
 */
public final class FlinkParquetIngest {
  static final long T0 = 1767225600000L; // 2026-01-01T00:00:00Z
  static final long SEED = 1;

  /** GeneratorRandom of src/sluice/stream/sources/generator_source.cc (splitmix64 of seed, index, stream). */
  static long random(long seed, long index, long stream) {
    long z = seed * 0x9e3779b97f4a7c15L + index * 0xbf58476d1ce4e5b9L + stream * 0x94d049bb133111ebL;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** Row i of the benchmark (the formula of src/sluice/cli/stream_test_ingest.cc). */
  static final class ToRow extends RichMapFunction<Long, RowData> {
    private transient StringData[] tags;

    @Override
    public void open(Configuration parameters) {
      tags = new StringData[100];
      for (int t = 0; t < 100; ++t) tags[t] = StringData.fromString("tag-" + t);
    }

    @Override
    public RowData map(Long boxed) {
      long i = boxed;
      long key = Long.remainderUnsigned(random(SEED, i, 1), 1000);
      long value = Long.remainderUnsigned(random(SEED, i, 2), 1000000);
      return GenericRowData.of(i, key, value, TimestampData.fromEpochMillis(T0 + i), tags[(int) (key % 100)]);
    }
  }

  /** The rows' schema: id, key, value bigint, ts timestamp(6), tag string, all non-null. */
  static RowType rowType() {
    return RowType.of(
        new LogicalType[] {new BigIntType(false), new BigIntType(false), new BigIntType(false),
            new TimestampType(false, 6), new VarCharType(false, VarCharType.MAX_LENGTH)},
        new String[] {"id", "key", "value", "ts", "tag"});
  }

  public static void main(String[] args) throws Exception {
    String out = args[0];
    long rows = Long.parseLong(args[1]);
    int parallelism = Integer.parseInt(args[2]);
    long checkpointMs = Long.parseLong(args[3]);
    RowType rowType = rowType();
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(parallelism, new Configuration());
    env.enableCheckpointing(checkpointMs);
    org.apache.hadoop.conf.Configuration hadoop = new org.apache.hadoop.conf.Configuration();
    hadoop.set("parquet.compression", "SNAPPY");
    FileSink<RowData> sink = FileSink
        .forBulkFormat(new Path(out), ParquetRowDataBuilder.createWriterFactory(rowType, hadoop, true))
        .withRollingPolicy(OnCheckpointRollingPolicy.build())
        .build();
    TypeInformation<RowData> type = InternalTypeInfo.of(rowType);
    env.fromSequence(0, rows - 1).name("generator").map(new ToRow()).returns(type).sinkTo(sink).name("parquet");
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    env.execute("ingest");
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
    System.out.printf("{\"rows\": %d, \"seconds\": %.4f, \"cpu_seconds\": %.4f, \"commits\": null}%n", rows,
        seconds, cpu);
  }
}
