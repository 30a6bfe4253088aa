// Row-level evaluation of a filter predicate (SQL three-valued logic).
#include <algorithm>
#include <cmath>
#include <cstring>

#include "sluice/columnar/take.h"
#include "sluice/delta/read/data_skipping.h"
#include "sluice/delta/read/partition_values.h"
#include "sluice/delta/read/scan.h"

namespace sluice::delta {
namespace {

using columnar::Array;
using columnar::TypeId;
using Op = Predicate::Op;

constexpr int8_t kTrue = 1, kFalse = 0, kNull = -1;

int CmpDouble(double x, double y) { return CompareValues(Scalar{x}, Scalar{y}); }

// Compares a column value with a non-null literal coerced to the column type.
int Cmp(int64_t v, const Scalar& lit) {
  if (const auto* d = std::get_if<double>(&lit)) return CmpDouble(static_cast<double>(v), *d);
  const int64_t l = std::get<int64_t>(lit);
  return v < l ? -1 : (v > l ? 1 : 0);
}
int Cmp(double v, const Scalar& lit) {
  if (const auto* i = std::get_if<int64_t>(&lit)) return CmpDouble(v, static_cast<double>(*i));
  return CmpDouble(v, std::get<double>(lit));
}
int Cmp(__int128 v, const Scalar& lit) {
  const __int128 l = std::get<__int128>(lit);
  return v < l ? -1 : (v > l ? 1 : 0);
}
int Cmp(bool v, const Scalar& lit) { return static_cast<int>(v) - static_cast<int>(std::get<bool>(lit)); }
int Cmp(std::string_view v, const Scalar& lit) {
  const int c = v.compare(std::get<std::string>(lit));
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

// Evaluates a comparison / IN leaf with `get(i)` reading row i of the column.
template <typename Get>
void EvalLeaf(const Array& a, Op op, const std::vector<Scalar>& lits, Get get, int8_t* out) {
  const bool in_has_null = std::any_of(lits.begin(), lits.end(), [](const Scalar& v) { return v.index() == 0; });
  for (int64_t i = 0; i < a.length; ++i) {
    if (a.IsNull(i)) {
      out[i] = kNull;
      continue;
    }
    const auto v = get(i);
    if (op == Op::kIn) {
      int8_t r = in_has_null ? kNull : kFalse;
      for (const auto& l : lits) {
        if (l.index() != 0 && Cmp(v, l) == 0) {
          r = kTrue;
          break;
        }
      }
      out[i] = r;
    } else {
      out[i] = CompareHolds(Cmp(v, lits[0]), op) ? kTrue : kFalse;
    }
  }
}

template <typename T>
auto Reader(const Array& a) {
  const T* v = a.values<T>();
  return [v](int64_t i) { return static_cast<int64_t>(v[i]); };
}

Result<const Array*> FindColumn(const columnar::RecordBatch& batch, const std::string& name) {
  const auto& fields = batch.schema->fields;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i]->name == name) return batch.columns[i].get();
  }
  for (size_t i = 0; i < fields.size(); ++i) {
    const std::string& f = fields[i]->name;
    if (f.size() == name.size() && std::equal(f.begin(), f.end(), name.begin(), [](char x, char y) {
          return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
        }))
      return batch.columns[i].get();
  }
  return Status::Invalid("filter column '{}' is not a top-level column of the table", name);
}

Status Eval(const Predicate& p, const columnar::RecordBatch& batch, std::vector<int8_t>* out) {
  const int64_t n = batch.num_rows;
  out->assign(static_cast<size_t>(n), kTrue);
  if (p.op == Op::kNot) {
    if (p.children.size() != 1) return Status::Invalid("NOT takes one operand");
    SLUICE_RETURN_NOT_OK(Eval(p.children[0], batch, out));
    for (auto& r : *out) r = r == kNull ? kNull : static_cast<int8_t>(1 - r);
    return Status::OK();
  }
  if (p.op == Op::kAnd || p.op == Op::kOr) {
    const bool is_and = p.op == Op::kAnd;
    std::fill(out->begin(), out->end(), is_and ? kTrue : kFalse);
    std::vector<int8_t> child;
    for (const auto& c : p.children) {
      SLUICE_RETURN_NOT_OK(Eval(c, batch, &child));
      for (int64_t i = 0; i < n; ++i) {
        int8_t& r = (*out)[i];
        const int8_t x = child[i];
        if (is_and) {
          if (r == kFalse || x == kFalse) {
            r = kFalse;
          } else if (x == kNull) {
            r = kNull;
          }
        } else {
          if (r == kTrue || x == kTrue) {
            r = kTrue;
          } else if (x == kNull) {
            r = kNull;
          }
        }
      }
    }
    return Status::OK();
  }
  SLUICE_ASSIGN_OR_RETURN(const Array* a, FindColumn(batch, p.column));
  int8_t* o = out->data();
  if (p.op == Op::kIsNull || p.op == Op::kIsNotNull) {
    const bool want_null = p.op == Op::kIsNull;
    for (int64_t i = 0; i < n; ++i) o[i] = a->IsNull(i) == want_null ? kTrue : kFalse;
    return Status::OK();
  }
  std::vector<Scalar> lits;
  for (const auto& l : p.literals) {
    auto v = CoerceLiteral(*a->type, l);
    if (!v.ok()) return v.status().WithContext("filter on column '" + p.column + "'");
    lits.push_back(std::move(*v));
  }
  if (p.op != Op::kIn && (lits.size() != 1 || lits[0].index() == 0)) {
    if (lits.size() != 1) return Status::Invalid("comparison on '{}' needs one literal", p.column);
    std::fill(out->begin(), out->end(), kNull);  // comparing with NULL
    return Status::OK();
  }
  switch (a->type->id) {
    case TypeId::kInt8:
      EvalLeaf(*a, p.op, lits, Reader<int8_t>(*a), o);
      break;
    case TypeId::kInt16:
      EvalLeaf(*a, p.op, lits, Reader<int16_t>(*a), o);
      break;
    case TypeId::kInt32:
    case TypeId::kDate32:
      EvalLeaf(*a, p.op, lits, Reader<int32_t>(*a), o);
      break;
    case TypeId::kInt64:
    case TypeId::kTimestamp:
      EvalLeaf(*a, p.op, lits, Reader<int64_t>(*a), o);
      break;
    case TypeId::kFloat32: {
      const float* v = a->values<float>();
      EvalLeaf(
          *a, p.op, lits, [v](int64_t i) { return static_cast<double>(v[i]); }, o);
      break;
    }
    case TypeId::kFloat64: {
      const double* v = a->values<double>();
      EvalLeaf(
          *a, p.op, lits, [v](int64_t i) { return v[i]; }, o);
      break;
    }
    case TypeId::kBool:
      EvalLeaf(
          *a, p.op, lits, [a](int64_t i) { return a->BoolValue(i); }, o);
      break;
    case TypeId::kDecimal128:
      EvalLeaf(
          *a, p.op, lits,
          [a](int64_t i) {
            __int128 v;
            std::memcpy(&v, a->FixedValue(i).data(), sizeof(v));
            return v;
          },
          o);
      break;
    case TypeId::kString:
    case TypeId::kBinary:
      EvalLeaf(
          *a, p.op, lits, [a](int64_t i) { return a->StringValue(i); }, o);
      break;
    default:
      return Status::NotSupported("filtering on column '{}' of type {}", p.column, a->type->ToString());
  }
  return Status::OK();
}

}  // namespace

Result<columnar::RecordBatch> FilterBatch(const columnar::RecordBatch& batch, const Predicate& predicate) {
  std::vector<int8_t> result;
  SLUICE_RETURN_NOT_OK(Eval(predicate, batch, &result));
  std::vector<uint8_t> keep(result.size());
  for (size_t i = 0; i < result.size(); ++i) keep[i] = result[i] == kTrue;
  return columnar::FilterRows(batch, keep);
}

}  // namespace sluice::delta
