#include "nexmark/lib/event_batches.h"

#include <algorithm>

#include "sluice/columnar/binary_builder.h"
#include "sluice/columnar/primitive_builder.h"

namespace sluice::nexmark {

using columnar::BinaryBuilder;
using columnar::Int64Builder;
using columnar::MakeField;

namespace {

columnar::DataTypePtr Millis() { return columnar::Timestamp(columnar::TimeUnit::kMilli, true); }

columnar::SchemaPtr MakeSchema(std::vector<std::pair<const char*, columnar::DataTypePtr>> fields) {
  auto s = std::make_shared<columnar::Schema>();
  for (auto& [name, type] : fields) s->fields.push_back(MakeField(name, type, false));
  return s;
}

}  // namespace

columnar::SchemaPtr PersonSchema() {
  static const columnar::SchemaPtr s = MakeSchema({{"id", columnar::Int64()},
                                                   {"name", columnar::String()},
                                                   {"emailAddress", columnar::String()},
                                                   {"creditCard", columnar::String()},
                                                   {"city", columnar::String()},
                                                   {"state", columnar::String()},
                                                   {"dateTime", Millis()},
                                                   {"extra", columnar::String()}});
  return s;
}

columnar::SchemaPtr AuctionSchema() {
  static const columnar::SchemaPtr s = MakeSchema({{"id", columnar::Int64()},
                                                   {"itemName", columnar::String()},
                                                   {"description", columnar::String()},
                                                   {"initialBid", columnar::Int64()},
                                                   {"reserve", columnar::Int64()},
                                                   {"dateTime", Millis()},
                                                   {"expires", Millis()},
                                                   {"seller", columnar::Int64()},
                                                   {"category", columnar::Int64()},
                                                   {"extra", columnar::String()}});
  return s;
}

columnar::SchemaPtr BidSchema() {
  static const columnar::SchemaPtr s = MakeSchema({{"auction", columnar::Int64()},
                                                   {"bidder", columnar::Int64()},
                                                   {"price", columnar::Int64()},
                                                   {"channel", columnar::String()},
                                                   {"url", columnar::String()},
                                                   {"dateTime", Millis()},
                                                   {"extra", columnar::String()}});
  return s;
}

columnar::SchemaPtr SchemaOf(EventKind kind) {
  switch (kind) {
    case EventKind::kPerson:
      return PersonSchema();
    case EventKind::kAuction:
      return AuctionSchema();
    case EventKind::kBid:
      break;
  }
  return BidSchema();
}

const char* KindName(EventKind kind) {
  switch (kind) {
    case EventKind::kPerson:
      return "person";
    case EventKind::kAuction:
      return "auction";
    case EventKind::kBid:
      break;
  }
  return "bid";
}

// One builder per column, in schema order; the record is reused per event.
struct EventBatchBuilder::Builders {
  std::vector<std::unique_ptr<Int64Builder>> ints;      // int64 and timestamp columns, in order
  std::vector<std::unique_ptr<BinaryBuilder>> strings;  // string columns, in order
  Person person;
  Auction auction;
  Bid bid;
  int64_t rows = 0;
  std::vector<int64_t> bytes_per_row;  // per string column, seen in the last batch

  // Sizes the buffers of a fresh batch of up to `rows` rows at once (growing
  // them value by value costs copies and page faults).
  void ReserveFor(int64_t n) {
    for (auto& b : ints) b->Reserve(n);
    for (size_t i = 0; i < strings.size(); ++i) {
      strings[i]->Reserve(n);
      strings[i]->ReserveData(n * (bytes_per_row[i] + bytes_per_row[i] / 8 + 8));
    }
  }

  explicit Builders(const columnar::Schema& s) {
    for (const auto& f : s.fields) {
      if (f->type->id == columnar::TypeId::kString) {
        strings.push_back(std::make_unique<BinaryBuilder>(f->type));
      } else {
        ints.push_back(std::make_unique<Int64Builder>(f->type));
      }
    }
    bytes_per_row.assign(strings.size(), 32);
  }
};

EventBatchBuilder::EventBatchBuilder(const NexmarkConfig& config, EventKind kind,
                                     std::shared_ptr<const ChannelTable> channels)
    : config_(config), kind_(kind), channels_(std::move(channels)), b_(std::make_unique<Builders>(*SchemaOf(kind))) {
  if (channels_ == nullptr) channels_ = std::make_shared<ChannelTable>(config_.seed);
}

EventBatchBuilder::~EventBatchBuilder() = default;

Result<int64_t> EventBatchBuilder::Append(int64_t* next, int64_t end, int64_t max_rows) {
  auto& ints = b_->ints;
  auto& strs = b_->strings;
  int64_t rows = 0;
  if (b_->rows == 0) b_->ReserveFor(std::min(max_rows, end - *next));
  int64_t e = NextEventOfKind(*next, kind_);
  for (; e < end && rows < max_rows; e = NextEventOfKind(e + 1, kind_), ++rows) {
    switch (kind_) {
      case EventKind::kPerson: {
        Person& p = b_->person;
        GeneratePerson(config_, e, &p);
        ints[0]->Append(p.id);
        SLUICE_RETURN_NOT_OK(strs[0]->Append(p.name));
        SLUICE_RETURN_NOT_OK(strs[1]->Append(p.email_address));
        SLUICE_RETURN_NOT_OK(strs[2]->Append(p.credit_card));
        SLUICE_RETURN_NOT_OK(strs[3]->Append(p.city));
        SLUICE_RETURN_NOT_OK(strs[4]->Append(p.state));
        ints[1]->Append(p.date_time);
        SLUICE_RETURN_NOT_OK(strs[5]->Append(p.extra));
        break;
      }
      case EventKind::kAuction: {
        Auction& a = b_->auction;
        GenerateAuction(config_, e, &a);
        ints[0]->Append(a.id);
        SLUICE_RETURN_NOT_OK(strs[0]->Append(a.item_name));
        SLUICE_RETURN_NOT_OK(strs[1]->Append(a.description));
        ints[1]->Append(a.initial_bid);
        ints[2]->Append(a.reserve);
        ints[3]->Append(a.date_time);
        ints[4]->Append(a.expires);
        ints[5]->Append(a.seller);
        ints[6]->Append(a.category);
        SLUICE_RETURN_NOT_OK(strs[2]->Append(a.extra));
        break;
      }
      case EventKind::kBid: {
        Bid& b = b_->bid;
        GenerateBid(config_, *channels_, e, &b);
        ints[0]->Append(b.auction);
        ints[1]->Append(b.bidder);
        ints[2]->Append(b.price);
        SLUICE_RETURN_NOT_OK(strs[0]->Append(b.channel));
        SLUICE_RETURN_NOT_OK(strs[1]->Append(b.url));
        ints[3]->Append(b.date_time);
        SLUICE_RETURN_NOT_OK(strs[2]->Append(b.extra));
        break;
      }
    }
  }
  *next = e < end ? e : end;
  b_->rows += rows;
  return rows;
}

Result<columnar::RecordBatch> EventBatchBuilder::Finish() {
  columnar::RecordBatch batch;
  batch.schema = SchemaOf(kind_);
  batch.num_rows = b_->rows;
  if (b_->rows > 0) {
    for (size_t k = 0; k < b_->strings.size(); ++k) b_->bytes_per_row[k] = b_->strings[k]->data_size() / b_->rows;
  }
  size_t i = 0, s = 0;
  for (const auto& f : batch.schema->fields) {
    columnar::ArrayBuilder* builder = f->type->id == columnar::TypeId::kString
                                          ? static_cast<columnar::ArrayBuilder*>(b_->strings[s++].get())
                                          : static_cast<columnar::ArrayBuilder*>(b_->ints[i++].get());
    SLUICE_ASSIGN_OR_RETURN(columnar::ArrayPtr a, builder->Finish());
    batch.columns.push_back(std::move(a));
  }
  b_->rows = 0;
  return batch;
}

Result<columnar::RecordBatch> GenerateBatch(const NexmarkConfig& config, EventKind kind, int64_t begin, int64_t end) {
  EventBatchBuilder b(config, kind, nullptr);
  int64_t next = begin;
  SLUICE_RETURN_NOT_OK(b.Append(&next, end, end - begin).status());
  return b.Finish();
}

}  // namespace sluice::nexmark
