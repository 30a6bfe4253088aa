package sluice.nexmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.api.java.tuple.Tuple4;
import org.apache.flink.api.java.tuple.Tuple6;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import sluice.nexmark.Events.Auction;
import sluice.nexmark.Events.Bid;
import sluice.nexmark.Events.Person;

/**
 * The Nexmark queries with the plans of sluice's src/sluice/nexmark/qN.cc;
 * each returns the stream of result row hashes (Checksum) over the same
 * columns in the same order.
 */
public final class Queries {
  private Queries() {}

  static <T> DataStream<T> source(StreamExecutionEnvironment env, Config c, int kind, Class<T> type, String name) {
    WatermarkStrategy<T> ws = WatermarkStrategy.<T>forMonotonousTimestamps()
        .withTimestampAssigner((e, t) -> kind == Model.BID ? ((Bid) e).dateTime
            : kind == Model.AUCTION ? ((Auction) e).dateTime : ((Person) e).dateTime);
    return env.addSource(new NexmarkSource<T>(c, kind), name, TypeInformation.of(type)).assignTimestampsAndWatermarks(ws);
  }

  static DataStream<Bid> bids(StreamExecutionEnvironment env, Config c) {
    return source(env, c, Model.BID, Bid.class, "bid");
  }

  static DataStream<Auction> auctions(StreamExecutionEnvironment env, Config c) {
    return source(env, c, Model.AUCTION, Auction.class, "auction");
  }

  static DataStream<Person> persons(StreamExecutionEnvironment env, Config c) {
    return source(env, c, Model.PERSON, Person.class, "person");
  }

  static long windowStart(long ts, long size) {
    long r = ts % size;
    return ts - (r < 0 ? r + size : r);
  }

  public static DataStream<Long> build(String q, StreamExecutionEnvironment env, Config c) {
    switch (q) {
      case "q0": return q0(env, c);
      case "q1": return q1(env, c);
      case "q2": return q2(env, c);
      case "q3": return q3(env, c);
      case "q4": return q4(env, c);
      case "q5": return q5(env, c);
      case "q7": return q7(env, c);
      case "q8": return q8(env, c);
      default: throw new IllegalArgumentException("unknown query " + q);
    }
  }

  // SELECT auction, bidder, price, dateTime, extra FROM bid
  static DataStream<Long> q0(StreamExecutionEnvironment env, Config c) {
    return bids(env, c).map(b -> {
      long h = Checksum.start();
      h = Checksum.add(h, b.auction);
      h = Checksum.add(h, b.bidder);
      h = Checksum.add(h, b.price);
      h = Checksum.add(h, b.dateTime);
      return Checksum.add(h, b.extra);
    });
  }

  // SELECT auction, bidder, 0.908 * price, dateTime, extra FROM bid
  public static class Q1Row {
    public long auction;
    public long bidder;
    public double price;
    public long dateTime;
    public String extra;
  }

  static DataStream<Long> q1(StreamExecutionEnvironment env, Config c) {
    return bids(env, c).map(b -> {
      Q1Row r = new Q1Row();
      r.auction = b.auction;
      r.bidder = b.bidder;
      r.price = b.price * 0.908;
      r.dateTime = b.dateTime;
      r.extra = b.extra;
      return r;
    }).map(r -> {
      long h = Checksum.start();
      h = Checksum.add(h, r.auction);
      h = Checksum.add(h, r.bidder);
      h = Checksum.add(h, r.price);
      h = Checksum.add(h, r.dateTime);
      return Checksum.add(h, r.extra);
    });
  }

  // SELECT auction, price FROM bid WHERE MOD(auction, 123) = 0
  static DataStream<Long> q2(StreamExecutionEnvironment env, Config c) {
    return bids(env, c).filter(b -> b.auction % 123 == 0).map(b -> Checksum.add(Checksum.add(Checksum.start(), b.auction), b.price));
  }

  // q3: persons in OR/ID/CA joined with their category-10 auctions.
  static DataStream<Long> q3(StreamExecutionEnvironment env, Config c) {
    DataStream<Person> p = persons(env, c).filter(x -> x.state.equals("OR") || x.state.equals("ID") || x.state.equals("CA"));
    DataStream<Auction> a = auctions(env, c).filter(x -> x.category == 10);
    return p.keyBy(x -> x.id).connect(a.keyBy(x -> x.seller)).process(new SellerJoin()).returns(Types.LONG);
  }

  static class SellerJoin extends KeyedCoProcessFunction<Long, Person, Auction, Long> {
    private transient ValueState<Person> person;
    private transient ListState<Long> pending;

    @Override
    public void open(Configuration parameters) {
      person = getRuntimeContext().getState(new ValueStateDescriptor<>("person", Person.class));
      pending = getRuntimeContext().getListState(new ListStateDescriptor<>("pending", Long.class));
    }

    static long row(Person p, long id) {
      long h = Checksum.add(Checksum.add(Checksum.add(Checksum.start(), p.name), p.city), p.state);
      return Checksum.add(h, id);
    }

    @Override
    public void processElement1(Person p, Context ctx, Collector<Long> out) throws Exception {
      for (Long id : pending.get()) out.collect(row(p, id));
      pending.clear();
      person.update(p);
    }

    @Override
    public void processElement2(Auction a, Context ctx, Collector<Long> out) throws Exception {
      Person p = person.value();
      if (p == null) {
        pending.add(a.id);
      } else {
        out.collect(row(p, a.id));
      }
    }
  }

  // q4: winning bid per auction at expiry, then the average per category at the end of input.
  static DataStream<Long> q4(StreamExecutionEnvironment env, Config c) {
    return auctions(env, c).keyBy(a -> a.id).connect(bids(env, c).keyBy(b -> b.auction))
        .process(new WinningBid())
        .returns(new TypeHint<Tuple3<Long, Long, Long>>() {})
        .keyBy(t -> t.f1)
        .process(new CategoryAverage())
        .returns(Types.LONG);
  }

  static class WinningBid extends KeyedCoProcessFunction<Long, Auction, Bid, Tuple3<Long, Long, Long>> {
    private transient ValueState<long[]> auction;  // start, expires, category
    private transient ValueState<Long> max;
    private transient ValueState<Boolean> done;
    private transient ListState<long[]> pending;  // ts, price

    @Override
    public void open(Configuration parameters) {
      auction = getRuntimeContext().getState(new ValueStateDescriptor<>("auction", long[].class));
      max = getRuntimeContext().getState(new ValueStateDescriptor<>("max", Long.class));
      done = getRuntimeContext().getState(new ValueStateDescriptor<>("done", Boolean.class));
      pending = getRuntimeContext().getListState(new ListStateDescriptor<>("pending", long[].class));
    }

    void offer(long start, long expires, long ts, long price) throws Exception {
      if (ts < start || ts > expires) return;
      Long m = max.value();
      if (m == null || price > m) max.update(price);
    }

    @Override
    public void processElement1(Auction a, Context ctx, Collector<Tuple3<Long, Long, Long>> out) throws Exception {
      auction.update(new long[] {a.dateTime, a.expires, a.category});
      for (long[] p : pending.get()) offer(a.dateTime, a.expires, p[0], p[1]);
      pending.clear();
      ctx.timerService().registerEventTimeTimer(a.expires);
    }

    @Override
    public void processElement2(Bid b, Context ctx, Collector<Tuple3<Long, Long, Long>> out) throws Exception {
      long[] a = auction.value();
      if (a != null) {
        offer(a[0], a[1], b.dateTime, b.price);
      } else if (done.value() == null) {
        pending.add(new long[] {b.dateTime, b.price});
      }
    }

    @Override
    public void onTimer(long ts, OnTimerContext ctx, Collector<Tuple3<Long, Long, Long>> out) throws Exception {
      Long m = max.value();
      long[] a = auction.value();
      if (m != null && a != null) out.collect(Tuple3.of(ctx.getCurrentKey(), a[2], m));
      auction.clear();
      max.clear();
      done.update(true);
    }
  }

  static class CategoryAverage extends KeyedProcessFunction<Long, Tuple3<Long, Long, Long>, Long> {
    private transient ValueState<long[]> sumCount;

    @Override
    public void open(Configuration parameters) {
      sumCount = getRuntimeContext().getState(new ValueStateDescriptor<>("sum-count", long[].class));
    }

    @Override
    public void processElement(Tuple3<Long, Long, Long> w, Context ctx, Collector<Long> out) throws Exception {
      long[] sc = sumCount.value();
      if (sc == null) {
        sc = new long[2];
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
      }
      sc[0] += w.f2;
      sc[1] += 1;
      sumCount.update(sc);
    }

    @Override
    public void onTimer(long ts, OnTimerContext ctx, Collector<Long> out) throws Exception {
      long[] sc = sumCount.value();
      if (sc == null) return;
      out.collect(Checksum.add(Checksum.add(Checksum.start(), ctx.getCurrentKey()), (double) sc[0] / sc[1]));
    }
  }

  // q5: per sliding window, the auctions with the most bids.
  static DataStream<Long> q5(StreamExecutionEnvironment env, Config c) {
    final long size = c.windowMs;
    return bids(env, c).keyBy(b -> b.auction)
        .window(SlidingEventTimeWindows.of(Duration.ofMillis(c.windowMs), Duration.ofMillis(c.slideMs)))
        .aggregate(new CountBids(), new WithWindow())
        .keyBy(t -> t.f3)
        .process(new HotAuctions(size))
        .returns(Types.LONG);
  }

  static class CountBids implements AggregateFunction<Bid, Long, Long> {
    public Long createAccumulator() { return 0L; }
    public Long add(Bid b, Long acc) { return acc + 1; }
    public Long getResult(Long acc) { return acc; }
    public Long merge(Long a, Long b) { return a + b; }
  }

  static class WithWindow extends ProcessWindowFunction<Long, Tuple4<Long, Long, Long, Long>, Long, TimeWindow> {
    @Override
    public void process(Long key, Context ctx, Iterable<Long> counts, Collector<Tuple4<Long, Long, Long, Long>> out) {
      out.collect(Tuple4.of(key, counts.iterator().next(), ctx.window().getStart(), ctx.window().getEnd()));
    }
  }

  static class HotAuctions extends KeyedProcessFunction<Long, Tuple4<Long, Long, Long, Long>, Long> {
    private final long windowMs;
    private transient ValueState<Long> max;
    private transient ListState<Long> auctions;

    HotAuctions(long windowMs) { this.windowMs = windowMs; }

    @Override
    public void open(Configuration parameters) {
      max = getRuntimeContext().getState(new ValueStateDescriptor<>("max", Long.class));
      auctions = getRuntimeContext().getListState(new ListStateDescriptor<>("auctions", Long.class));
    }

    @Override
    public void processElement(Tuple4<Long, Long, Long, Long> t, Context ctx, Collector<Long> out) throws Exception {
      Long m = max.value();
      if (m == null) ctx.timerService().registerEventTimeTimer(t.f3 - 1);
      if (m == null || t.f1 > m) {
        max.update(t.f1);
        List<Long> one = new ArrayList<>();
        one.add(t.f0);
        auctions.update(one);
      } else if (t.f1.longValue() == m.longValue()) {
        auctions.add(t.f0);
      }
    }

    @Override
    public void onTimer(long ts, OnTimerContext ctx, Collector<Long> out) throws Exception {
      Long m = max.value();
      if (m == null) return;
      long end = ts + 1;
      for (Long a : auctions.get()) {
        long h = Checksum.add(Checksum.add(Checksum.start(), a), m);
        out.collect(Checksum.add(Checksum.add(h, end - windowMs), end));
      }
      max.clear();
      auctions.clear();
    }
  }

  // q7: per tumbling window the bids with the highest price; per auction, then per window.
  static DataStream<Long> q7(StreamExecutionEnvironment env, Config c) {
    return bids(env, c).keyBy(b -> b.auction)
        .process(new AuctionMax(c.windowMs))
        .returns(new TypeHint<Tuple6<Long, Long, Long, Long, String, Long>>() {})
        .keyBy(t -> t.f5)
        .process(new WindowMax())
        .returns(Types.LONG);
  }

  static class AuctionMax extends KeyedProcessFunction<Long, Bid, Tuple6<Long, Long, Long, Long, String, Long>> {
    private final long windowMs;
    private transient MapState<Long, Long> max;
    private transient MapState<Long, List<Bid>> tied;

    AuctionMax(long windowMs) { this.windowMs = windowMs; }

    @Override
    public void open(Configuration parameters) {
      max = getRuntimeContext().getMapState(new MapStateDescriptor<>("max", Long.class, Long.class));
      tied = getRuntimeContext().getMapState(new MapStateDescriptor<>("bids", Types.LONG, Types.LIST(TypeInformation.of(Bid.class))));
    }

    @Override
    public void processElement(Bid b, Context ctx, Collector<Tuple6<Long, Long, Long, Long, String, Long>> out) throws Exception {
      long end = windowStart(b.dateTime, windowMs) + windowMs;
      Long m = max.get(end);
      if (m != null && b.price < m) return;
      List<Bid> list;
      if (m == null) {
        ctx.timerService().registerEventTimeTimer(end - 1);
        list = new ArrayList<>();
      } else if (b.price == m) {
        list = tied.get(end);
      } else {
        list = new ArrayList<>();
      }
      if (m == null || b.price > m) max.put(end, b.price);
      list.add(b);
      tied.put(end, list);
    }

    @Override
    public void onTimer(long ts, OnTimerContext ctx, Collector<Tuple6<Long, Long, Long, Long, String, Long>> out) throws Exception {
      long end = ts + 1;
      Long m = max.get(end);
      if (m == null) return;
      for (Bid b : tied.get(end)) out.collect(Tuple6.of(b.auction, b.price, b.bidder, b.dateTime, b.extra, end));
      max.remove(end);
      tied.remove(end);
    }
  }

  static class WindowMax extends KeyedProcessFunction<Long, Tuple6<Long, Long, Long, Long, String, Long>, Long> {
    private transient ValueState<Long> max;
    private transient ListState<Tuple6<Long, Long, Long, Long, String, Long>> bids;

    @Override
    public void open(Configuration parameters) {
      max = getRuntimeContext().getState(new ValueStateDescriptor<>("max", Long.class));
      bids = getRuntimeContext().getListState(new ListStateDescriptor<>("bids",
          TypeInformation.of(new TypeHint<Tuple6<Long, Long, Long, Long, String, Long>>() {})));
    }

    @Override
    public void processElement(Tuple6<Long, Long, Long, Long, String, Long> t, Context ctx, Collector<Long> out) throws Exception {
      Long m = max.value();
      if (m != null && t.f1 < m) return;
      if (m == null) ctx.timerService().registerEventTimeTimer(t.f5 - 1);
      if (m == null || t.f1 > m) {
        max.update(t.f1);
        bids.clear();
      }
      bids.add(t);
    }

    @Override
    public void onTimer(long ts, OnTimerContext ctx, Collector<Long> out) throws Exception {
      if (max.value() == null) return;
      for (Tuple6<Long, Long, Long, Long, String, Long> t : bids.get()) {
        long h = Checksum.add(Checksum.add(Checksum.add(Checksum.start(), t.f0), t.f1), t.f2);
        out.collect(Checksum.add(Checksum.add(h, t.f3), t.f4));
      }
      max.clear();
      bids.clear();
    }
  }

  // q8: people who opened an auction in the tumbling window they registered in.
  static DataStream<Long> q8(StreamExecutionEnvironment env, Config c) {
    return persons(env, c).keyBy(p -> p.id).connect(auctions(env, c).keyBy(a -> a.seller))
        .process(new NewUsers(c.windowMs)).returns(Types.LONG);
  }

  static class NewUsers extends KeyedCoProcessFunction<Long, Person, Auction, Long> {
    private final long windowMs;
    private transient ValueState<Long> personWindow;
    private transient ValueState<String> name;
    private transient ListState<Long> auctionWindows;

    NewUsers(long windowMs) { this.windowMs = windowMs; }

    @Override
    public void open(Configuration parameters) {
      personWindow = getRuntimeContext().getState(new ValueStateDescriptor<>("person-window", Long.class));
      name = getRuntimeContext().getState(new ValueStateDescriptor<>("name", String.class));
      auctionWindows = getRuntimeContext().getListState(new ListStateDescriptor<>("auction-windows", Long.class));
    }

    static long row(long id, String name, long start) {
      return Checksum.add(Checksum.add(Checksum.add(Checksum.start(), id), name), start);
    }

    @Override
    public void processElement1(Person p, Context ctx, Collector<Long> out) throws Exception {
      long start = windowStart(p.dateTime, windowMs);
      for (Long w : auctionWindows.get()) {
        if (w == start) {
          out.collect(row(p.id, p.name, start));
          return;
        }
      }
      personWindow.update(start);
      name.update(p.name);
      ctx.timerService().registerEventTimeTimer(start + windowMs - 1);
    }

    @Override
    public void processElement2(Auction a, Context ctx, Collector<Long> out) throws Exception {
      long start = windowStart(a.dateTime, windowMs);
      Long pw = personWindow.value();
      if (pw != null) {
        if (pw != start) return;
        out.collect(row(ctx.getCurrentKey(), name.value(), start));
        personWindow.clear();
        name.clear();
        return;
      }
      for (Long w : auctionWindows.get()) {
        if (w == start) return;
      }
      auctionWindows.add(start);
      ctx.timerService().registerEventTimeTimer(start + windowMs - 1);
    }

    @Override
    public void onTimer(long ts, OnTimerContext ctx, Collector<Long> out) throws Exception {
      Long pw = personWindow.value();
      if (pw != null && pw + windowMs - 1 <= ts) {
        personWindow.clear();
        name.clear();
      }
      List<Long> kept = new ArrayList<>();
      boolean changed = false;
      for (Long w : auctionWindows.get()) {
        if (w + windowMs - 1 > ts) kept.add(w); else changed = true;
      }
      if (changed) auctionWindows.update(kept);
    }
  }
}
