#include "sluice/delta/read/data_skipping.h"

#include <simdjson.h>

#include <algorithm>
#include <cmath>

#include "sluice/delta/read/partition_values.h"
#include "sluice/expr/pushdown.h"

namespace sluice::delta {

using columnar::CompareScalars;
using columnar::DataType;
using columnar::TypeId;
using expr::CompareHolds;
using expr::Op;

namespace {

// Stats strings are truncated to a prefix (Spark: 32 characters); a maximum
// this long may be cut, so it is no upper bound.
constexpr size_t kMaxExactStringChars = 32;
// Timestamp stats are truncated to milliseconds (PROTOCOL.md "Per-file Statistics").
constexpr int64_t kTimestampSlackMicros = 999;

size_t Utf8Chars(std::string_view s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

bool IsNull(const Scalar& v) { return std::holds_alternative<std::monostate>(v); }

}  // namespace

// A predicate in negation normal form with columns resolved. Leaves that are
// not `column op literal(s)` (expr::AsColumnPredicate) are kUnknown: they may
// match any file.
struct FileSkipper::Bound {
  struct Node {
    Op op = Op::kAnd;
    bool unknown = false;           // a leaf pruning cannot use
    bool negated_in = false;        // op == kIn: NOT IN
    std::vector<std::string> path;  // physical path (stats keys); partition: one element
    std::string logical_name;       // partition: fallback key of partitionValues
    const DataType* type = nullptr;
    bool partition = false;
    std::vector<Scalar> values;
    std::vector<Node> children;
  };
  Node root;
  columnar::SchemaPtr schema;  // keeps `type` alive
  mutable simdjson::dom::parser parser;
};

namespace {

using Node = FileSkipper::Bound::Node;

// Finds `name` (exact, then case-insensitive; a dotted name reaches into
// structs) and returns the physical path and the field.
const columnar::Field* Resolve(const columnar::Schema& schema, const std::string& name, ColumnMappingMode mode,
                               std::vector<std::string>* path) {
  auto find = [](const std::vector<columnar::FieldPtr>& fields, std::string_view n) -> const columnar::Field* {
    for (const auto& f : fields) {
      if (f->name == n) return f.get();
    }
    for (const auto& f : fields) {
      if (f->name.size() == n.size() && std::equal(n.begin(), n.end(), f->name.begin(),
                                                   [](char a, char b) { return std::tolower(a) == std::tolower(b); }))
        return f.get();
    }
    return nullptr;
  };
  path->clear();
  if (const auto* f = find(schema.fields, name)) {
    path->push_back(PhysicalName(*f, mode));
    return f;
  }
  const std::vector<columnar::FieldPtr>* fields = &schema.fields;
  const columnar::Field* field = nullptr;
  size_t start = 0;
  while (start <= name.size()) {
    const size_t dot = std::min(name.find('.', start), name.size());
    if (fields == nullptr) return nullptr;
    field = find(*fields, std::string_view(name).substr(start, dot - start));
    if (field == nullptr) return nullptr;
    path->push_back(PhysicalName(*field, mode));
    fields = field->type->id == TypeId::kStruct ? &field->type->children : nullptr;
    start = dot + 1;
  }
  return field;
}

Result<Node> Bind(const expr::Expr& e, bool negate, const columnar::Schema& schema,
                  const std::vector<std::string>& partition_columns, ColumnMappingMode mode) {
  Node node;
  if (e.op() == Op::kNot) return Bind(e.args()[0], !negate, schema, partition_columns, mode);
  if (e.op() == Op::kAnd || e.op() == Op::kOr) {
    // De Morgan: NOT (a AND b) = NOT a OR NOT b.
    node.op = (e.op() == Op::kAnd) != negate ? Op::kAnd : Op::kOr;
    for (const auto& c : e.args()) {
      SLUICE_ASSIGN_OR_RETURN(auto child, Bind(c, negate, schema, partition_columns, mode));
      node.children.push_back(std::move(child));
    }
    return node;
  }
  std::optional<expr::ColumnPredicate> p = expr::AsColumnPredicate(e);
  if (!p) {
    // Still check the columns it names exist, as a row filter will need them.
    for (const std::string& c : expr::ReferencedColumns(e)) {
      std::vector<std::string> path;
      if (Resolve(schema, c, mode, &path) == nullptr) return Status::Invalid("unknown column '{}' in the filter", c);
    }
    node.unknown = true;
    return node;
  }
  const columnar::Field* field = Resolve(schema, p->column, mode, &node.path);
  if (field == nullptr) return Status::Invalid("unknown column '{}' in the filter", p->column);
  node.type = field->type.get();
  node.logical_name = field->name;
  node.partition = node.path.size() == 1 && std::find(partition_columns.begin(), partition_columns.end(),
                                                      field->name) != partition_columns.end();
  node.op = p->op;
  if (p->op == Op::kIn) {
    node.negated_in = negate;
  } else if (negate) {
    node.op = expr::Negate(p->op);
  }
  for (const auto& lit : p->values) {
    auto v = columnar::CastScalar(*field->type, lit);
    if (!v.ok()) return v.status().WithContext("filter on column '" + p->column + "'");
    node.values.push_back(std::move(*v));
  }
  return node;
}

// Three-valued result of a leaf on one known value: 1 true, 0 false, -1 null.
int EvalLeafOnValue(const Node& n, const Scalar& v) {
  if (n.op == Op::kIsNull) return IsNull(v) ? 1 : 0;
  if (n.op == Op::kIsNotNull) return IsNull(v) ? 0 : 1;
  if (IsNull(v)) return -1;
  if (n.op == Op::kIn) {
    bool saw_null = false;
    for (const auto& lit : n.values) {
      if (IsNull(lit)) {
        saw_null = true;
      } else if (CompareScalars(v, lit) == 0) {
        return n.negated_in ? 0 : 1;
      }
    }
    if (saw_null) return -1;
    return n.negated_in ? 1 : 0;
  }
  if (IsNull(n.values[0])) return -1;
  return CompareHolds(CompareScalars(v, n.values[0]), n.op) ? 1 : 0;
}

// Per-column statistics of one file, as far as they are usable.
struct ColumnStats {
  std::optional<int64_t> num_records;
  std::optional<int64_t> null_count;
  bool tight = true;
  Scalar min, max;  // monostate = unknown bound
};

simdjson::dom::element Lookup(simdjson::dom::element obj, const std::vector<std::string>& path, bool* found) {
  *found = false;
  simdjson::dom::element e = obj;
  for (const auto& key : path) {
    simdjson::dom::object o;
    if (e.get_object().get(o) != simdjson::SUCCESS) return e;
    if (o.at_key(key).get(e) != simdjson::SUCCESS) return e;
  }
  *found = true;
  return e;
}

// Converts a min/max JSON value to a bound of `type` (lower when !upper);
// monostate when unusable.
Scalar StatValue(simdjson::dom::element e, const DataType& type, bool upper) {
  int64_t i = 0;
  double d = 0;
  std::string_view s;
  bool b = false;
  switch (type.id) {
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
      if (e.get_int64().get(i) == simdjson::SUCCESS) return i;
      return {};
    case TypeId::kFloat32:
    case TypeId::kFloat64:
      if (e.get_double().get(d) == simdjson::SUCCESS && !std::isnan(d)) {
        // Float stats are floats widened to double: allow one float ulp.
        if (type.id == TypeId::kFloat32) d = upper ? std::nextafter(d, INFINITY) : std::nextafter(d, -INFINITY);
        return d;
      }
      if (e.get_int64().get(i) == simdjson::SUCCESS) return static_cast<double>(i);
      return {};
    case TypeId::kBool:
      if (e.get_bool().get(b) == simdjson::SUCCESS) return b;
      return {};
    case TypeId::kString:
      if (e.get_string().get(s) != simdjson::SUCCESS) return {};
      if (upper && Utf8Chars(s) >= kMaxExactStringChars) return {};
      return std::string(s);
    case TypeId::kDate32:
    case TypeId::kTimestamp: {
      if (e.get_string().get(s) != simdjson::SUCCESS) return {};
      auto v = ParsePartitionValue(type, std::string(s));
      if (!v.ok() || !std::holds_alternative<int64_t>(*v)) return {};
      int64_t x = std::get<int64_t>(*v);
      if (type.id == TypeId::kTimestamp) x += upper ? kTimestampSlackMicros : -kTimestampSlackMicros;
      return x;
    }
    case TypeId::kDecimal128: {
      if (e.get_double().get(d) != simdjson::SUCCESS) {
        if (e.get_int64().get(i) != simdjson::SUCCESS) return {};
        d = static_cast<double>(i);
      }
      const double scaled = d * std::pow(10.0, type.scale);
      if (!(std::fabs(scaled) < 9e15)) return {};  // beyond exact doubles: no bound
      // JSON decimals went through a double: widen by one unit.
      return static_cast<__int128>(upper ? std::ceil(scaled) + 1 : std::floor(scaled) - 1);
    }
    default:
      return {};
  }
}

// Returns false only when no row of a file with these stats can satisfy `n`.
bool LeafMayMatch(const Node& n, const ColumnStats& st) {
  const bool all_null = st.null_count && st.num_records && *st.null_count == *st.num_records;
  const bool none_null = st.null_count && *st.null_count == 0;
  if (n.op == Op::kIsNull) return !none_null;
  if (n.op == Op::kIsNotNull) return !all_null;
  if (all_null) return false;  // comparisons are never true on nulls
  const bool has_min = !IsNull(st.min), has_max = !IsNull(st.max);
  auto may_eq = [&](const Scalar& v) {
    if (IsNull(v)) return false;
    if (has_min && CompareScalars(v, st.min) < 0) return false;
    if (has_max && CompareScalars(v, st.max) > 0) return false;
    return true;
  };
  // min == max == v: every non-null value equals v (exact bounds only).
  auto all_equal = [&](const Scalar& v) {
    if (!st.tight || !has_min || !has_max || IsNull(v)) return false;
    if (n.type->id == TypeId::kTimestamp || n.type->id == TypeId::kDecimal128 || n.type->id == TypeId::kFloat32) {
      return false;  // widened bounds are never exact
    }
    return CompareScalars(st.min, v) == 0 && CompareScalars(st.max, v) == 0;
  };
  if (n.op == Op::kIn) {
    const bool has_null_literal = std::any_of(n.values.begin(), n.values.end(), IsNull);
    if (n.negated_in) {
      if (has_null_literal) return false;  // x NOT IN (.., NULL) is never true
      return !std::any_of(n.values.begin(), n.values.end(), all_equal);
    }
    return std::any_of(n.values.begin(), n.values.end(), may_eq);
  }
  const Scalar& v = n.values[0];
  if (IsNull(v)) return false;
  switch (n.op) {
    case Op::kEq:
      return may_eq(v);
    case Op::kNe:
      return !all_equal(v);
    case Op::kLt:
      return !has_min || CompareScalars(st.min, v) < 0;
    case Op::kLe:
      return !has_min || CompareScalars(st.min, v) <= 0;
    case Op::kGt:
      return !has_max || CompareScalars(st.max, v) > 0;
    default:
      return !has_max || CompareScalars(st.max, v) >= 0;
  }
}

struct FileContext {
  const Add* add = nullptr;
  bool has_stats = false;
  simdjson::dom::element stats;
};

bool NodeMayMatch(const Node& n, const FileContext& ctx) {
  if (n.unknown) return true;
  if (n.op == Op::kAnd) {
    return std::all_of(n.children.begin(), n.children.end(), [&](const Node& c) { return NodeMayMatch(c, ctx); });
  }
  if (n.op == Op::kOr) {
    return std::any_of(n.children.begin(), n.children.end(), [&](const Node& c) { return NodeMayMatch(c, ctx); });
  }
  if (n.partition) {
    const auto& values = ctx.add->partition_values;
    auto it = values.find(n.path[0]);
    if (it == values.end()) it = values.find(n.logical_name);
    if (it == values.end()) return true;  // no entry at all: keep the file rather than guess
    const std::optional<std::string>& text = it->second;
    auto v = ParsePartitionValue(*n.type, text);
    if (!v.ok()) return true;  // unparsable: keep the file
    return EvalLeafOnValue(n, *v) == 1;
  }
  if (!ctx.has_stats) return true;
  ColumnStats st;
  bool found = false;
  int64_t i = 0;
  bool tight = true;
  if (ctx.stats["numRecords"].get_int64().get(i) == simdjson::SUCCESS) st.num_records = i;
  if (ctx.stats["tightBounds"].get_bool().get(tight) == simdjson::SUCCESS) st.tight = tight;
  simdjson::dom::element e;
  if (ctx.stats["nullCount"].get(e) == simdjson::SUCCESS) {
    auto nc = Lookup(e, n.path, &found);
    if (found && nc.get_int64().get(i) == simdjson::SUCCESS) {
      // Wide bounds: only 0 and numRecords carry information.
      if (st.tight || i == 0 || (st.num_records && i == *st.num_records)) st.null_count = i;
    }
  }
  if (ctx.stats["minValues"].get(e) == simdjson::SUCCESS) {
    auto m = Lookup(e, n.path, &found);
    if (found) st.min = StatValue(m, *n.type, false);
  }
  if (ctx.stats["maxValues"].get(e) == simdjson::SUCCESS) {
    auto m = Lookup(e, n.path, &found);
    if (found) st.max = StatValue(m, *n.type, true);
  }
  return LeafMayMatch(n, st);
}

}  // namespace

FileSkipper::FileSkipper(FileSkipper&&) noexcept = default;
FileSkipper& FileSkipper::operator=(FileSkipper&&) noexcept = default;
FileSkipper::~FileSkipper() = default;

Result<FileSkipper> FileSkipper::Make(const columnar::SchemaPtr& schema,
                                      const std::vector<std::string>& partition_columns, ColumnMappingMode mode,
                                      const expr::Expr& predicate) {
  FileSkipper skipper;
  skipper.bound_ = std::make_unique<Bound>();
  skipper.bound_->schema = schema;
  SLUICE_ASSIGN_OR_RETURN(skipper.bound_->root, Bind(predicate, false, *schema, partition_columns, mode));
  return skipper;
}

bool FileSkipper::MayMatch(const Add& file) const {
  FileContext ctx;
  ctx.add = &file;
  if (file.stats && !file.stats->empty()) {
    simdjson::dom::element doc;
    if (bound_->parser.parse(file.stats->data(), file.stats->size()).get(doc) == simdjson::SUCCESS && doc.is_object()) {
      ctx.has_stats = true;
      ctx.stats = doc;
    }
  }
  return NodeMayMatch(bound_->root, ctx);
}

}  // namespace sluice::delta
