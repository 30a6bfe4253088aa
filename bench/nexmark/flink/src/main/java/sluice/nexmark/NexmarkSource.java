package sluice.nexmark;

import org.apache.flink.streaming.api.functions.source.RichParallelSourceFunction;

/**
 * A bounded source of one kind's events among indexes [0, events): subtask s
 * of p reads the blocks of splitBlock indexes numbered s, s + p, ... (the
 * striping of sluice's NexmarkSource, so both engines see the same data in
 * the same event-time order per subtask).
 */
public class NexmarkSource<T> extends RichParallelSourceFunction<T> {
  private final Config config;
  private final int kind;
  private volatile boolean running = true;

  public NexmarkSource(Config config, int kind) {
    this.config = config;
    this.kind = kind;
  }

  @SuppressWarnings("unchecked")
  @Override
  public void run(SourceContext<T> ctx) {
    int s = getRuntimeContext().getIndexOfThisSubtask();
    int p = getRuntimeContext().getNumberOfParallelSubtasks();
    JobClock.sourceStarted();
    Generator g = new Generator(config);
    long block = config.splitBlock;
    for (long start = s * block; start < config.events && running; start += p * block) {
      long end = Math.min(config.events, start + block);
      for (long e = start; e < end; ++e) {
        if (Model.kindOf(e) != kind) continue;
        Object o = kind == Model.BID ? g.bid(e) : kind == Model.AUCTION ? g.auction(e) : g.person(e);
        ctx.collect((T) o);
      }
    }
  }

  @Override
  public void cancel() {
    running = false;
  }
}
