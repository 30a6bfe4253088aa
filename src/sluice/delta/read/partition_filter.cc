// Exact evaluation of partition-only predicates on a file's partition values
// (replaceWhere, partition deletes, optimize filters) and predicate text.
#include <algorithm>

#include "sluice/delta/log/log_json_text.h"
#include "sluice/delta/read/partition_values.h"
#include "sluice/delta/write/table_writer.h"

namespace sluice::delta {
namespace {

using Op = Predicate::Op;

// Kleene logic: nullopt is SQL's unknown.
using Truth = std::optional<bool>;

Status CheckColumns(const Predicate& p, const std::vector<std::string>& partition_columns,
                    const columnar::Schema& schema) {
  if (!p.column.empty()) {
    if (std::find(partition_columns.begin(), partition_columns.end(), p.column) == partition_columns.end()) {
      return Status::Invalid(
          "'{}' is not a partition column (partition columns: [{}]); only partition columns "
          "may be used here",
          p.column, fmt::join(partition_columns, ", "));
    }
    if (schema.FieldIndex(p.column) < 0) return Status::Invalid("the table has no column '{}'", p.column);
  }
  for (const auto& c : p.children) SLUICE_RETURN_NOT_OK(CheckColumns(c, partition_columns, schema));
  return Status::OK();
}

Result<Truth> Eval(const Predicate& p, const Add& add, const columnar::Schema& schema) {
  switch (p.op) {
    case Op::kAnd: {
      bool unknown = false;
      for (const auto& c : p.children) {
        SLUICE_ASSIGN_OR_RETURN(Truth t, Eval(c, add, schema));
        if (t == false) return Truth(false);
        if (!t) unknown = true;
      }
      return unknown ? Truth() : Truth(true);
    }
    case Op::kOr: {
      bool unknown = false;
      for (const auto& c : p.children) {
        SLUICE_ASSIGN_OR_RETURN(Truth t, Eval(c, add, schema));
        if (t == true) return Truth(true);
        if (!t) unknown = true;
      }
      return unknown ? Truth() : Truth(false);
    }
    case Op::kNot: {
      SLUICE_ASSIGN_OR_RETURN(Truth t, Eval(p.children.at(0), add, schema));
      return t ? Truth(!*t) : Truth();
    }
    default:
      break;
  }
  const auto& type = *schema.fields[schema.FieldIndex(p.column)]->type;
  auto it = add.partition_values.find(p.column);
  std::optional<std::string> text = it == add.partition_values.end() ? std::nullopt : it->second;
  SLUICE_ASSIGN_OR_RETURN(Scalar v, ParsePartitionValue(type, text));
  const bool is_null = std::holds_alternative<std::monostate>(v);
  if (p.op == Op::kIsNull) return Truth(is_null);
  if (p.op == Op::kIsNotNull) return Truth(!is_null);
  if (is_null) return Truth();
  if (p.op == Op::kIn) {
    bool unknown = false;
    for (const auto& lit : p.literals) {
      SLUICE_ASSIGN_OR_RETURN(Scalar l, CoerceLiteral(type, lit));
      if (std::holds_alternative<std::monostate>(l)) {
        unknown = true;
      } else if (CompareValues(v, l) == 0) {
        return Truth(true);
      }
    }
    return unknown ? Truth() : Truth(false);
  }
  SLUICE_ASSIGN_OR_RETURN(Scalar l, CoerceLiteral(type, p.literals.at(0)));
  if (std::holds_alternative<std::monostate>(l)) return Truth();
  return Truth(CompareHolds(CompareValues(v, l), p.op));
}

void AppendLiteral(std::string* out, const Scalar& lit) {
  if (std::holds_alternative<std::monostate>(lit)) {
    *out += "NULL";
  } else if (const bool* b = std::get_if<bool>(&lit)) {
    *out += *b ? "TRUE" : "FALSE";
  } else if (const int64_t* i = std::get_if<int64_t>(&lit)) {
    *out += std::to_string(*i);
  } else if (const double* d = std::get_if<double>(&lit)) {
    *out += fmt::format("{}", *d);
  } else {
    *out += '\'';
    for (char c : std::get<std::string>(lit)) {
      if (c == '\'') *out += '\'';
      *out += c;
    }
    *out += '\'';
  }
}

void AppendPredicate(std::string* out, const Predicate& p) {
  static constexpr const char* kOps[] = {"=", "!=", "<", "<=", ">", ">="};
  switch (p.op) {
    case Op::kAnd:
    case Op::kOr:
      for (size_t i = 0; i < p.children.size(); ++i) {
        if (i > 0) *out += p.op == Op::kAnd ? " AND " : " OR ";
        *out += '(';
        AppendPredicate(out, p.children[i]);
        *out += ')';
      }
      return;
    case Op::kNot:
      *out += "NOT (";
      AppendPredicate(out, p.children.at(0));
      *out += ')';
      return;
    case Op::kIsNull:
      *out += p.column + " IS NULL";
      return;
    case Op::kIsNotNull:
      *out += p.column + " IS NOT NULL";
      return;
    case Op::kIn:
      *out += p.column + " IN (";
      for (size_t i = 0; i < p.literals.size(); ++i) {
        if (i > 0) *out += ", ";
        AppendLiteral(out, p.literals[i]);
      }
      *out += ')';
      return;
    default:
      *out += p.column;
      *out += ' ';
      *out += kOps[static_cast<int>(p.op)];
      *out += ' ';
      AppendLiteral(out, p.literals.at(0));
  }
}

}  // namespace

Result<std::vector<Add>> FilesMatchingPartitions(const Snapshot& snapshot, const Predicate& predicate) {
  const columnar::Schema& schema = *snapshot.schema();
  SLUICE_RETURN_NOT_OK(CheckColumns(predicate, snapshot.metadata().partition_columns, schema));
  std::vector<Add> out;
  for (const Add& add : snapshot.files()) {
    auto t = Eval(predicate, add, schema);
    if (!t.ok()) return t.status().WithContext("file " + add.path);
    if (*t == true) out.push_back(add);
  }
  return out;
}

std::string PredicateToString(const Predicate& p) {
  std::string out;
  AppendPredicate(&out, p);
  return out;
}

}  // namespace sluice::delta
