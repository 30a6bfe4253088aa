#include "sluice/formats/schema_inference.h"

#include "sluice/formats/value_parsers.h"

namespace sluice::formats {

using columnar::DataTypePtr;
using columnar::FieldPtr;
using columnar::MakeField;

uint32_t TypeInference::TextCandidates(std::string_view text, uint32_t bits) {
  uint32_t out = 0;
  if (text.empty()) return 0;
  const char c = text[0];
  const bool numeric_start = (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.';
  if ((bits & kInt64Bit) && numeric_start) {
    int64_t v = 0;
    if (ParseInteger<int64_t>(text, &v)) out |= kInt64Bit;
  }
  if (bits & kDoubleBit) {
    double v = 0;
    if (ParseFloat64(text, &v)) out |= kDoubleBit;
  }
  if (bits & kBoolBit) {
    // "0" and "1" are bools too: a column of them is int64 (which comes
    // first), one mixing them with true/false is bool.
    bool v = false;
    if (ParseBool(text, &v)) out |= kBoolBit;
  }
  if ((bits & (kDateBit | kTimestampBit | kTimestampUtcBit)) && text.size() >= 10 && text[4] == '-') {
    if (text.size() == 10) {
      int32_t days = 0;
      if ((bits & kDateBit) && ParseDate32(text, &days)) out |= kDateBit;
    } else {
      int64_t micros = 0;
      bool zone = false;
      if (ParseTimestamp(text, columnar::TimeUnit::kMicro, &micros, &zone)) {
        out |= (zone ? kTimestampUtcBit : kTimestampBit) & bits;
      }
    }
  }
  return out;
}

void TypeInference::AddText(std::string_view text) { Narrow(TextCandidates(text, candidates_)); }

void TypeInference::AddJsonString(std::string_view text) {
  Narrow(TextCandidates(text, candidates_ & (kDateBit | kTimestampBit | kTimestampUtcBit)));
}

TypeInference* TypeInference::Member(std::string_view name) {
  auto it = member_index_.find(name);
  if (it != member_index_.end()) return members_[it->second].second.get();
  member_index_.emplace(std::string(name), members_.size());
  members_.emplace_back(std::string(name), std::make_unique<TypeInference>());
  return members_.back().second.get();
}

TypeInference* TypeInference::Element() {
  if (element_ == nullptr) element_ = std::make_unique<TypeInference>();
  return element_.get();
}

std::vector<FieldPtr> TypeInference::MemberFields() const {
  std::vector<FieldPtr> fields;
  fields.reserve(members_.size());
  for (const auto& [name, member] : members_) fields.push_back(MakeField(name, member->Type()));
  return fields;
}

DataTypePtr TypeInference::Type() const {
  if (!seen_) return columnar::String();
  // Priority order; the first candidate still standing wins.
  if (candidates_ & kInt64Bit) return columnar::Int64();
  if (candidates_ & kDoubleBit) return columnar::Float64();
  if (candidates_ & kBoolBit) return columnar::Bool();
  if (candidates_ & kDateBit) return columnar::Date32();
  if (candidates_ & kTimestampBit) return columnar::Timestamp(columnar::TimeUnit::kMicro, /*utc=*/false);
  if (candidates_ & kTimestampUtcBit) return columnar::Timestamp(columnar::TimeUnit::kMicro, /*utc=*/true);
  if (candidates_ & kStructBit) return columnar::Struct(MemberFields());
  if (candidates_ & kListBit) {
    const DataTypePtr element = element_ == nullptr ? columnar::String() : element_->Type();
    return columnar::List(MakeField("element", element));
  }
  return columnar::String();
}

columnar::SchemaPtr InferredSchema(const std::vector<std::string>& names, const std::vector<TypeInference>& columns) {
  auto schema = std::make_shared<columnar::Schema>();
  for (size_t i = 0; i < names.size(); ++i) schema->fields.push_back(MakeField(names[i], columns[i].Type()));
  return schema;
}

}  // namespace sluice::formats
