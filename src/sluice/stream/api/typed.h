#pragma once

#include <functional>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "sluice/columnar/data_type.h"
#include "sluice/stream/api/data_stream.h"
#include "sluice/stream/api/row.h"

namespace sluice::stream {

// The typed convenience layer: map a plain struct to a schema once, then read
// rows into structs and append structs as rows without column code.
//
//   struct Trade { std::string sym; int64_t ts; double px; };
//   StructMapping<Trade> trades({Member("sym", &Trade::sym), Member("ts", &Trade::ts),
//                                Member("px", &Trade::px)});
//   auto out = MapTyped<Trade, Trade>(stream, trades, trades, [](const Trade& t) -> Result<Trade> { ... });

// One struct member bound to a column.
template <typename T>
struct MemberSpec {
  std::string name;
  columnar::DataTypePtr type;
  std::function<Scalar(const T&)> get;
  std::function<void(T*, const Row&, int col)> set;
};

// Binds member `ptr` (bool, int32_t, int64_t, float, double, std::string) to column `name`.
template <typename T, typename M>
MemberSpec<T> Member(std::string name, M T::*ptr) {
  MemberSpec<T> m;
  m.name = std::move(name);
  if constexpr (std::is_same_v<M, bool>) {
    m.type = columnar::Bool();
    m.set = [ptr](T* t, const Row& r, int c) { t->*ptr = r.GetBool(c); };
  } else if constexpr (std::is_same_v<M, int32_t>) {
    m.type = columnar::Int32();
    m.set = [ptr](T* t, const Row& r, int c) { t->*ptr = static_cast<int32_t>(r.GetInt64(c)); };
  } else if constexpr (std::is_same_v<M, int64_t>) {
    m.type = columnar::Int64();
    m.set = [ptr](T* t, const Row& r, int c) { t->*ptr = r.GetInt64(c); };
  } else if constexpr (std::is_same_v<M, float>) {
    m.type = columnar::Float32();
    m.set = [ptr](T* t, const Row& r, int c) { t->*ptr = static_cast<float>(r.GetDouble(c)); };
  } else if constexpr (std::is_same_v<M, double>) {
    m.type = columnar::Float64();
    m.set = [ptr](T* t, const Row& r, int c) { t->*ptr = r.GetDouble(c); };
  } else if constexpr (std::is_same_v<M, std::string>) {
    m.type = columnar::String();
    m.set = [ptr](T* t, const Row& r, int c) { t->*ptr = std::string(r.GetString(c)); };
  } else {
    static_assert(sizeof(M) == 0, "unsupported member type");
  }
  if constexpr (std::is_same_v<M, float>) {
    m.get = [ptr](const T& t) { return Scalar(static_cast<double>(t.*ptr)); };
  } else if constexpr (std::is_same_v<M, int32_t>) {
    m.get = [ptr](const T& t) { return Scalar(static_cast<int64_t>(t.*ptr)); };
  } else {
    m.get = [ptr](const T& t) { return Scalar(t.*ptr); };
  }
  return m;
}

// The mapping of struct T to a schema (one non-null column per member, in order).
template <typename T>
class StructMapping {
 public:
  explicit StructMapping(std::vector<MemberSpec<T>> members) : members_(std::move(members)) {
    auto s = std::make_shared<columnar::Schema>();
    for (const auto& m : members_) s->fields.push_back(columnar::MakeField(m.name, m.type, false));
    schema_ = s;
  }

  const SchemaPtr& schema() const { return schema_; }

  // Reads `row` (columns found by member name; missing ones stay default).
  T Read(const Row& row) const {
    T t{};
    for (const auto& m : members_) {
      int c = row.ColumnIndex(m.name);
      if (c >= 0 && !row.IsNull(c)) m.set(&t, row, c);
    }
    return t;
  }
  // Appends `t` as one row of schema().
  Status Append(const T& t, BatchBuilder* out) const {
    for (size_t i = 0; i < members_.size(); ++i) {
      SLUICE_RETURN_NOT_OK(out->AppendValue(static_cast<int>(i), members_[i].get(t)));
    }
    out->EndRow();
    return Status::OK();
  }
  // Returns `values` as one batch.
  Result<RecordBatch> ToBatch(const std::vector<T>& values) const {
    BatchBuilder b(schema_);
    for (const T& v : values) SLUICE_RETURN_NOT_OK(Append(v, &b));
    return b.Finish();
  }
  // Returns every row of `batch` as a struct.
  std::vector<T> FromBatch(const RecordBatch& batch) const {
    std::vector<T> out;
    out.reserve(static_cast<size_t>(batch.num_rows));
    for (int64_t i = 0; i < batch.num_rows; ++i) out.push_back(Read(Row(&batch, i)));
    return out;
  }

 private:
  std::vector<MemberSpec<T>> members_;
  SchemaPtr schema_;
};

// Maps a stream of In rows to Out rows with a typed function.
template <typename In, typename Out>
DataStream MapTyped(const DataStream& stream, const StructMapping<In>& in, const StructMapping<Out>& out,
                    std::function<Result<Out>(const In&)> fn) {
  return stream.Map(out.schema(), [in, out, fn](const Row& row, BatchBuilder* b) -> Status {
    SLUICE_ASSIGN_OR_RETURN(Out o, fn(in.Read(row)));
    return out.Append(o, b);
  });
}

// Keeps the In rows for which the typed predicate holds.
template <typename In>
DataStream FilterTyped(const DataStream& stream, const StructMapping<In>& in, std::function<bool(const In&)> pred) {
  return stream.Filter(RowPredicate([in, pred](const Row& row) -> Result<bool> { return pred(in.Read(row)); }));
}

}  // namespace sluice::stream
