#include "sluice/stream/api/aggregate.h"

namespace sluice::stream {

using columnar::DataTypePtr;
using columnar::TypeId;
using Kind = AggregateSpec::Kind;

namespace {

// Built without initializer lists: g++ 12 warns (maybe-uninitialized) on
// copying variants out of them.
Scalars Acc(Scalar a) {
  Scalars v;
  v.push_back(std::move(a));
  return v;
}
Scalars Acc(Scalar a, Scalar b) {
  Scalars v = Acc(std::move(a));
  v.push_back(std::move(b));
  return v;
}

// A built-in aggregate over one input column.
class BuiltinAggregate final : public AggregateFunction {
 public:
  BuiltinAggregate(Kind kind, std::string column) : kind_(kind), column_(std::move(column)) {}

  Status Bind(const columnar::Schema& input) override {
    if (kind_ == Kind::kCount) return Status::OK();
    col_ = input.FieldIndex(column_);
    if (col_ < 0) return Status::NotFound("aggregate: no column '{}' in {}", column_, input.ToString());
    input_type_ = input.fields[col_]->type;
    TypeId id = input_type_->id;
    is_float_ = id == TypeId::kFloat32 || id == TypeId::kFloat64;
    bool numeric = is_float_ || (!input_type_->IsNested() && !input_type_->IsBinaryLike() && id != TypeId::kBool &&
                                 id != TypeId::kNull && id != TypeId::kFixedSizeBinary && id != TypeId::kDecimal128);
    if ((kind_ == Kind::kSum || kind_ == Kind::kAvg) && !numeric) {
      return Status::Invalid("aggregate over '{}': {} is not numeric", column_, input_type_->ToString());
    }
    return Status::OK();
  }

  DataTypePtr result_type() const override {
    switch (kind_) {
      case Kind::kCount:
        return columnar::Int64();
      case Kind::kSum:
        return is_float_ ? columnar::Float64() : columnar::Int64();
      case Kind::kAvg:
        return columnar::Float64();
      default:
        return input_type_;
    }
  }

  Scalars CreateAccumulator() const override {
    switch (kind_) {
      case Kind::kCount:
        return Acc(Scalar(int64_t{0}));
      case Kind::kSum:
        return Acc(is_float_ ? Scalar(0.0) : Scalar(int64_t{0}));
      case Kind::kAvg:
        return Acc(Scalar(0.0), Scalar(int64_t{0}));
      case Kind::kFirst:
        return Acc(Scalar(false), Scalar());
      default:
        return Acc(Scalar());
    }
  }

  Status Add(const Row& row, Scalars* acc) const override {
    if (kind_ == Kind::kCount) {
      (*acc)[0] = Scalar((*acc)[0].int_value() + 1);
      return Status::OK();
    }
    if (kind_ == Kind::kFirst) {
      if (!(*acc)[0].bool_value()) *acc = Acc(Scalar(true), row.Get(col_));
      return Status::OK();
    }
    if (kind_ == Kind::kLast) {
      (*acc)[0] = row.Get(col_);
      return Status::OK();
    }
    if (row.IsNull(col_)) return Status::OK();
    switch (kind_) {
      case Kind::kSum:
        (*acc)[0] = is_float_ ? Scalar((*acc)[0].double_value() + row.GetDouble(col_))
                              : Scalar(static_cast<int64_t>(static_cast<uint64_t>((*acc)[0].int_value()) +
                                                            static_cast<uint64_t>(row.GetInt64(col_))));
        break;
      case Kind::kAvg:
        (*acc)[0] = Scalar((*acc)[0].double_value() + row.GetDouble(col_));
        (*acc)[1] = Scalar((*acc)[1].int_value() + 1);
        break;
      default: {
        Scalar v = row.Get(col_);
        Scalar& cur = (*acc)[0];
        if (cur.is_null() || (kind_ == Kind::kMin ? v < cur : cur < v)) cur = std::move(v);
      }
    }
    return Status::OK();
  }

  Status Merge(const Scalars& other, Scalars* acc) const override {
    switch (kind_) {
      case Kind::kCount:
        (*acc)[0] = Scalar((*acc)[0].int_value() + other[0].int_value());
        break;
      case Kind::kSum:
        (*acc)[0] = is_float_ ? Scalar((*acc)[0].double_value() + other[0].double_value())
                              : Scalar((*acc)[0].int_value() + other[0].int_value());
        break;
      case Kind::kAvg:
        (*acc)[0] = Scalar((*acc)[0].double_value() + other[0].double_value());
        (*acc)[1] = Scalar((*acc)[1].int_value() + other[1].int_value());
        break;
      case Kind::kFirst:
        // Merged session windows: `acc` is the earlier window.
        if (!(*acc)[0].bool_value()) *acc = other;
        break;
      case Kind::kLast:
        (*acc)[0] = other[0];
        break;
      default:
        if (!other[0].is_null() &&
            ((*acc)[0].is_null() || (kind_ == Kind::kMin ? other[0] < (*acc)[0] : (*acc)[0] < other[0]))) {
          (*acc)[0] = other[0];
        }
    }
    return Status::OK();
  }

  Scalar GetResult(const Scalars& acc) const override {
    switch (kind_) {
      case Kind::kAvg:
        return acc[1].int_value() == 0 ? Scalar() : Scalar(acc[0].double_value() / acc[1].int_value());
      case Kind::kFirst:
        return acc[1];
      default:
        return acc[0];
    }
  }

 private:
  Kind kind_;
  std::string column_;
  int col_ = -1;
  DataTypePtr input_type_;
  bool is_float_ = false;
};

AggregateSpec Make(Kind kind, std::string column, std::string output, const char* prefix) {
  if (output.empty()) output = std::string(prefix) + "_" + column;
  return AggregateSpec{kind, std::move(column), std::move(output), nullptr};
}

}  // namespace

namespace agg {
AggregateSpec Count(std::string output_name) {
  return AggregateSpec{Kind::kCount, "", std::move(output_name), nullptr};
}
AggregateSpec Sum(std::string c, std::string o) { return Make(Kind::kSum, std::move(c), std::move(o), "sum"); }
AggregateSpec Min(std::string c, std::string o) { return Make(Kind::kMin, std::move(c), std::move(o), "min"); }
AggregateSpec Max(std::string c, std::string o) { return Make(Kind::kMax, std::move(c), std::move(o), "max"); }
AggregateSpec Avg(std::string c, std::string o) { return Make(Kind::kAvg, std::move(c), std::move(o), "avg"); }
AggregateSpec First(std::string c, std::string o) { return Make(Kind::kFirst, std::move(c), std::move(o), "first"); }
AggregateSpec Last(std::string c, std::string o) { return Make(Kind::kLast, std::move(c), std::move(o), "last"); }
AggregateSpec User(std::shared_ptr<AggregateFunction> fn, std::string output_name) {
  return AggregateSpec{Kind::kUser, "", std::move(output_name), std::move(fn)};
}
}  // namespace agg

Result<std::vector<BoundAggregate>> BindAggregates(const std::vector<AggregateSpec>& specs,
                                                   const columnar::Schema& input) {
  std::vector<BoundAggregate> out;
  size_t offset = 0;
  for (const AggregateSpec& s : specs) {
    BoundAggregate b;
    if (s.kind == Kind::kUser) {
      if (s.user == nullptr) return Status::Invalid("user aggregate '{}' without a function", s.output_name);
      b.fn = s.user;
    } else {
      b.fn = std::make_shared<BuiltinAggregate>(s.kind, s.column);
    }
    SLUICE_RETURN_NOT_OK(b.fn->Bind(input));
    b.output = columnar::MakeField(s.output_name, b.fn->result_type(), true);
    b.acc_offset = offset;
    b.acc_size = b.fn->CreateAccumulator().size();
    offset += b.acc_size;
    out.push_back(std::move(b));
  }
  return out;
}

Scalars CreateAccumulators(const std::vector<BoundAggregate>& aggs) {
  Scalars acc;
  for (const auto& a : aggs) {
    Scalars part = a.fn->CreateAccumulator();
    acc.insert(acc.end(), part.begin(), part.end());
  }
  return acc;
}

Status AddToAccumulators(const std::vector<BoundAggregate>& aggs, const Row& row, Scalars* acc) {
  if (aggs.size() == 1) return aggs[0].fn->Add(row, acc);
  Scalars part;
  for (const auto& a : aggs) {
    part.assign(acc->begin() + a.acc_offset, acc->begin() + a.acc_offset + a.acc_size);
    SLUICE_RETURN_NOT_OK(a.fn->Add(row, &part));
    if (part.size() != a.acc_size)
      return Status::Invalid("aggregate '{}' changed its accumulator size", a.output->name);
    std::move(part.begin(), part.end(), acc->begin() + a.acc_offset);
  }
  return Status::OK();
}

Status MergeAccumulators(const std::vector<BoundAggregate>& aggs, const Scalars& other, Scalars* acc) {
  Scalars part, other_part;
  for (const auto& a : aggs) {
    part.assign(acc->begin() + a.acc_offset, acc->begin() + a.acc_offset + a.acc_size);
    other_part.assign(other.begin() + a.acc_offset, other.begin() + a.acc_offset + a.acc_size);
    SLUICE_RETURN_NOT_OK(a.fn->Merge(other_part, &part));
    std::move(part.begin(), part.end(), acc->begin() + a.acc_offset);
  }
  return Status::OK();
}

void AppendResults(const std::vector<BoundAggregate>& aggs, const Scalars& acc, Scalars* out) {
  if (aggs.size() == 1 && aggs[0].acc_offset == 0 && aggs[0].acc_size == acc.size()) {
    out->push_back(aggs[0].fn->GetResult(acc));  // the common case: no copy of the accumulator
    return;
  }
  Scalars part;
  for (const auto& a : aggs) {
    part.assign(acc.begin() + a.acc_offset, acc.begin() + a.acc_offset + a.acc_size);
    out->push_back(a.fn->GetResult(part));
  }
}

}  // namespace sluice::stream
