package sluice.nexmark;

import static sluice.nexmark.Model.*;

import sluice.nexmark.Events.Auction;
import sluice.nexmark.Events.Bid;
import sluice.nexmark.Events.Person;

/** Generates event i of each kind exactly as sluice's events.cc does. */
public final class Generator {
  private static final String[] FIRST_NAMES = {
    "Peter", "Paul", "Luke", "John", "Saul", "Vicky", "Kate", "Julie", "Sarah", "Deiter", "Walter"
  };
  private static final String[] LAST_NAMES = {
    "Shultz", "Abrams", "Spencer", "White", "Bartels", "Walton", "Smith", "Jones", "Noris"
  };
  private static final String[] CITIES = {
    "Phoenix", "Los Angeles", "San Francisco", "Boise", "Portland", "Bend", "Redmond", "Seattle", "Kent", "Cheyenne"
  };
  private static final String[] STATES = {"AZ", "CA", "ID", "OR", "WA", "WY"};
  private static final String[] HOT_CHANNELS = {"Google", "Facebook", "Baidu", "Apple"};
  private static final String[] HOT_URLS = {
    "https://www.nexmark.com/google/item.htm?query=1",
    "https://www.nexmark.com/facebook/item.htm?query=1",
    "https://www.nexmark.com/baidu/item.htm?query=1",
    "https://www.nexmark.com/apple/item.htm?query=1"
  };

  private final Config c;
  private final String[] channels = new String[NUM_CHANNELS];
  private final String[] urls = new String[NUM_CHANNELS];
  private final Rng r = new Rng(0, 0, 0);
  private final byte[] scratch = new byte[1024];

  public Generator(Config c) {
    this.c = c;
    for (int n = 0; n < NUM_CHANNELS; ++n) {
      Rng cr = new Rng(c.seed, n, CHANNEL_STREAM);
      channels[n] = "channel-" + n;
      StringBuilder url = new StringBuilder("https://www.nexmark.com/");
      for (int part = 0; part < 3; ++part) {
        int end = appendString(cr, 5, '_', scratch, 0);
        url.append(string(scratch, 0, end)).append('/');
      }
      url.append("item.htm?query=1&channel_id=").append(n);
      urls[n] = url.toString();
    }
  }

  private static <T> T pick(Rng r, T[] names) {
    return names[(int) r.nextInt(names.length)];
  }

  public Person person(long event) {
    r.reset(c.seed, event, EVENT_STREAM);
    Person p = new Person();
    p.id = lastBase0PersonId(event) + FIRST_PERSON_ID;
    p.name = pick(r, FIRST_NAMES) + " " + pick(r, LAST_NAMES);
    int end = appendString(r, 7, ' ', scratch, 0);
    scratch[end++] = '@';
    end = appendString(r, 5, ' ', scratch, end);
    p.emailAddress = string(scratch, 0, end) + ".com";
    StringBuilder cc = new StringBuilder(19);
    for (int g = 0; g < 4; ++g) {
      if (g > 0) cc.append(' ');
      long v = r.nextInt(10000);
      cc.append((char) ('0' + v / 1000)).append((char) ('0' + v / 100 % 10));
      cc.append((char) ('0' + v / 10 % 10)).append((char) ('0' + v % 10));
    }
    p.creditCard = cc.toString();
    p.city = pick(r, CITIES);
    p.state = pick(r, STATES);
    p.dateTime = eventTimestamp(c, event);
    long size = 8 + p.name.length() + p.emailAddress.length() + p.creditCard.length() + p.city.length()
        + p.state.length();
    p.extra = nextExtra(r, size, AVG_PERSON_BYTES, scratch);
    return p;
  }

  public Auction auction(long event) {
    r.reset(c.seed, event, EVENT_STREAM);
    Auction a = new Auction();
    a.id = lastBase0AuctionId(event) + FIRST_AUCTION_ID;
    long seller = r.nextInt(HOT_SELLER_RATIO) > 0
        ? lastBase0PersonId(event) / HOT_GROUP * HOT_GROUP
        : nextBase0PersonId(r, event);
    a.seller = seller + FIRST_PERSON_ID;
    a.category = FIRST_CATEGORY_ID + r.nextInt(NUM_CATEGORIES);
    a.initialBid = nextPrice(r);
    a.dateTime = eventTimestamp(c, event);
    long eventsAhead = NUM_IN_FLIGHT_AUCTIONS * TOTAL_PROPORTION / AUCTION_PROPORTION;
    long horizon = eventTimestamp(c, event + eventsAhead) - a.dateTime;
    a.expires = a.dateTime + 1 + r.nextInt(Math.max(1, Math.min(horizon * 2, 1L << 31)));
    int end = appendString(r, 20, ' ', scratch, 0);
    a.itemName = string(scratch, 0, end);
    end = appendString(r, 100, ' ', scratch, 0);
    a.description = string(scratch, 0, end);
    a.reserve = a.initialBid + nextPrice(r);
    long size = 8 + a.itemName.length() + a.description.length() + 8 * 5;
    a.extra = nextExtra(r, size, AVG_AUCTION_BYTES, scratch);
    return a;
  }

  public Bid bid(long event) {
    r.reset(c.seed, event, EVENT_STREAM);
    Bid b = new Bid();
    long auction = r.nextInt(HOT_AUCTION_RATIO) > 0
        ? lastBase0AuctionId(event) / HOT_GROUP * HOT_GROUP
        : nextBase0AuctionId(r, event);
    b.auction = auction + FIRST_AUCTION_ID;
    long bidder = r.nextInt(HOT_BIDDER_RATIO) > 0
        ? lastBase0PersonId(event) / HOT_GROUP * HOT_GROUP + 1
        : nextBase0PersonId(r, event);
    b.bidder = bidder + FIRST_PERSON_ID;
    b.price = nextPrice(r);
    if (r.nextInt(HOT_CHANNEL_RATIO) > 0) {
      int i = (int) r.nextInt(4);
      b.channel = HOT_CHANNELS[i];
      b.url = HOT_URLS[i];
    } else {
      int n = (int) r.nextInt(NUM_CHANNELS);
      b.channel = channels[n];
      b.url = urls[n];
    }
    b.dateTime = eventTimestamp(c, event);
    b.extra = nextExtra(r, 32, AVG_BID_BYTES, scratch);
    return b;
  }
}
