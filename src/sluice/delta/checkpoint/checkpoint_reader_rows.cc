#include "sluice/delta/checkpoint/checkpoint_reader_rows.h"

#include <array>
#include <optional>
#include <span>
#include <type_traits>

#include "sluice/delta/protocol/action_fields.h"
#include "sluice/delta/snapshot/file_key_index.h"

namespace sluice::delta {
namespace {

using columnar::Array;
using columnar::TypeId;

// Calls fn(std::type_identity<T>()) with the action type T of column `kind`.
template <typename Fn>
decltype(auto) VisitKind(CheckpointColumn kind, Fn&& fn) {
  switch (kind) {
    case CheckpointColumn::kProtocol:
      return fn(std::type_identity<Protocol>());
    case CheckpointColumn::kMetaData:
      return fn(std::type_identity<Metadata>());
    case CheckpointColumn::kTxn:
      return fn(std::type_identity<Txn>());
    case CheckpointColumn::kDomainMetadata:
      return fn(std::type_identity<DomainMetadata>());
    case CheckpointColumn::kAdd:
      return fn(std::type_identity<Add>());
    case CheckpointColumn::kRemove:
      return fn(std::type_identity<Remove>());
    case CheckpointColumn::kSidecar:
      return fn(std::type_identity<Sidecar>());
    case CheckpointColumn::kCheckpointMetadata:
      break;
  }
  return fn(std::type_identity<CheckpointMetadata>());
}

// Returns the child of struct `s` named `name`, or nullptr.
const Array* Child(const Array& s, std::string_view name) {
  const auto& kids = s.type->children;
  for (size_t i = 0; i < kids.size() && i < s.children.size(); ++i) {
    if (kids[i]->name == name) return s.children[i].get();
  }
  return nullptr;
}

// Reads typed values of one row, remembering the first type error. Indices
// passed to getters are logical positions inside the given array (its own
// offset is applied by Array's accessors).
class Getter {
 public:
  Getter(const std::string& file, int64_t file_row, std::string_view action)
      : file_(file), file_row_(file_row), action_(action) {}

  std::optional<std::string> Str(const Array* a, int64_t i, std::string_view field) {
    if (!a || a->IsNull(i)) return std::nullopt;
    if (!a->type->IsBinaryLike()) return Mistyped(field, "a string");
    return std::string(a->StringValue(i));
  }
  // Assigns string value i to *out; false when null, absent or mistyped.
  bool StrInto(const Array* a, int64_t i, std::string_view field, std::string* out) {
    if (!a || a->IsNull(i)) return false;
    if (!a->type->IsBinaryLike()) {
      Mistyped(field, "a string");
      return false;
    }
    out->assign(a->StringValue(i));
    return true;
  }
  std::optional<int64_t> Int(const Array* a, int64_t i, std::string_view field) {
    if (!a || a->IsNull(i)) return std::nullopt;
    switch (a->type->id) {
      case TypeId::kInt64:
        return a->values<int64_t>()[i];
      case TypeId::kInt32:
        return a->values<int32_t>()[i];
      case TypeId::kInt16:
        return a->values<int16_t>()[i];
      case TypeId::kInt8:
        return a->values<int8_t>()[i];
      default:
        return Mistyped(field, "an integer");
    }
  }
  std::optional<bool> Bool(const Array* a, int64_t i, std::string_view field) {
    if (!a || a->IsNull(i)) return std::nullopt;
    if (a->type->id != TypeId::kBool) return Mistyped(field, "a boolean");
    return a->BoolValue(i);
  }
  // Visits the (key, value) pairs of map value i; value is nullptr for null.
  template <typename F>
  void Map(const Array* a, int64_t i, std::string_view field, F&& visit) {
    if (!a || a->IsNull(i)) return;
    if (a->type->id != TypeId::kMap || a->children.size() != 1 || a->children[0]->children.size() != 2) {
      Mistyped(field, "a map");
      return;
    }
    const Array& entries = *a->children[0];
    const Array& keys = *entries.children[0];
    const Array& values = *entries.children[1];
    if (!keys.type->IsBinaryLike() || !values.type->IsBinaryLike()) {
      Mistyped(field, "a map<string,string>");
      return;
    }
    const int32_t* o = a->offsets();
    for (int64_t k = entries.offset + o[i]; k < entries.offset + o[i + 1]; ++k) {
      if (keys.IsNull(k)) continue;
      if (values.IsNull(k)) {
        visit(keys.StringValue(k), nullptr);
      } else {
        const std::string_view v = values.StringValue(k);
        visit(keys.StringValue(k), &v);
      }
    }
  }
  std::optional<std::map<std::string, std::string>> StrMap(const Array* a, int64_t i, std::string_view field) {
    if (!a || a->IsNull(i)) return std::nullopt;
    std::map<std::string, std::string> m;
    Map(a, i, field, [&](std::string_view k, const std::string_view* v) { m.emplace(k, v ? *v : ""); });
    return m;
  }
  PartitionValues Partitions(const Array* a, int64_t i, std::string_view field) {
    PartitionValues m;
    Map(a, i, field, [&](std::string_view k, const std::string_view* v) {
      m.emplace(k, v ? std::optional<std::string>(*v) : std::nullopt);
    });
    return m;
  }
  std::optional<std::vector<std::string>> StrList(const Array* a, int64_t i, std::string_view field) {
    if (!a || a->IsNull(i)) return std::nullopt;
    if (a->type->id != TypeId::kList || a->children.size() != 1 || !a->children[0]->type->IsBinaryLike()) {
      return Mistyped(field, "a list<string>");
    }
    const Array& e = *a->children[0];
    const int32_t* o = a->offsets();
    std::vector<std::string> out;
    for (int64_t k = o[i]; k < o[i + 1]; ++k) {
      if (!e.IsNull(k)) out.emplace_back(e.StringValue(k));
    }
    return out;
  }
  // Records that a required field is null.
  void Required(std::string_view field) {
    if (error_.ok()) {
      error_ = Status::Corrupt("{}: checkpoint row {}: {}.{} is null", file_, file_row_, action_, Where(field));
    }
  }
  // Records that `field` is not of type `expected`.
  std::nullopt_t Mistyped(std::string_view field, std::string_view expected) {
    if (error_.ok()) {
      error_ =
          Status::Corrupt("{}: checkpoint row {}: {}.{} is not {}", file_, file_row_, action_, Where(field), expected);
    }
    return std::nullopt;
  }
  const Status& error() const { return error_; }

  // Names the fields read while it lives as "<name>.<field>": the fields of
  // a nested struct.
  class Nested {
   public:
    Nested(Getter* g, std::string_view name) : g_(g), saved_(g->nested_) { g->nested_ = name; }
    ~Nested() { g_->nested_ = saved_; }
    Nested(const Nested&) = delete;
    Nested& operator=(const Nested&) = delete;

   private:
    Getter* g_;
    std::string_view saved_;
  };

 private:
  std::string Where(std::string_view field) const {
    return nested_.empty() ? std::string(field) : fmt::format("{}.{}", nested_, field);
  }

  const std::string& file_;
  int64_t file_row_;
  std::string_view action_;
  std::string_view nested_;
  Status error_;
};

// Reads cell i of `a` into `out` as the kind of *out; returns false when the
// cell is absent, null or mistyped (the error kept in `g`), leaving *out as
// is: the default of a fresh action. Liberal in what it reads: any integer
// width, null list elements and map keys skipped.
bool ReadCell(Getter& g, const Array* a, int64_t i, std::string_view f, std::string* out) {
  return g.StrInto(a, i, f, out);
}
bool ReadCell(Getter& g, const Array* a, int64_t i, std::string_view f, std::optional<std::string>* out) {
  if (g.StrInto(a, i, f, &out->emplace())) return true;
  out->reset();
  return false;
}
template <typename T>
bool ReadCell(Getter& g, const Array* a, int64_t i, std::string_view f,
              T* out) requires std::is_same_v<T, int32_t> || std::is_same_v<T, int64_t> {
  const std::optional<int64_t> v = g.Int(a, i, f);
  if (v) *out = static_cast<T>(*v);
  return v.has_value();
}
template <typename T>
bool ReadCell(Getter& g, const Array* a, int64_t i, std::string_view f,
              std::optional<T>* out) requires std::is_same_v<T, int32_t> || std::is_same_v<T, int64_t> {
  const std::optional<int64_t> v = g.Int(a, i, f);
  if (v) *out = static_cast<T>(*v);
  return v.has_value();
}
bool ReadCell(Getter& g, const Array* a, int64_t i, std::string_view f, bool* out) {
  const std::optional<bool> v = g.Bool(a, i, f);
  if (v) *out = *v;
  return v.has_value();
}
bool ReadCell(Getter& g, const Array* a, int64_t i, std::string_view f, std::optional<bool>* out) {
  *out = g.Bool(a, i, f);
  return out->has_value();
}
bool ReadCell(Getter& g, const Array* a, int64_t i, std::string_view f, std::vector<std::string>* out) {
  auto v = g.StrList(a, i, f);
  if (v) *out = std::move(*v);
  return v.has_value();
}
bool ReadCell(Getter& g, const Array* a, int64_t i, std::string_view f, std::optional<std::vector<std::string>>* out) {
  *out = g.StrList(a, i, f);
  return out->has_value();
}
bool ReadCell(Getter& g, const Array* a, int64_t i, std::string_view f, std::map<std::string, std::string>* out) {
  auto v = g.StrMap(a, i, f);
  if (v) *out = std::move(*v);
  return v.has_value();
}
bool ReadCell(Getter& g, const Array* a, int64_t i, std::string_view f,
              std::optional<std::map<std::string, std::string>>* out) {
  *out = g.StrMap(a, i, f);
  return out->has_value();
}
bool ReadCell(Getter& g, const Array* a, int64_t i, std::string_view f, PartitionValues* out) {
  if (!a || a->IsNull(i)) return false;
  *out = g.Partitions(a, i, f);
  return true;
}
bool ReadCell(Getter& g, const Array* a, int64_t i, std::string_view f, std::optional<PartitionValues>* out) {
  if (!a || a->IsNull(i)) return false;
  *out = g.Partitions(a, i, f);
  return true;
}
bool ReadCell(Getter& g, const Array* a, int64_t i, std::string_view f, Format* out);
bool ReadCell(Getter& g, const Array* a, int64_t i, std::string_view f, std::optional<DeletionVectorDescriptor>* out);

// Reads row j of the struct whose fields (by FieldTable<S>, nullptr when
// absent or null in the whole batch) are `children` into `s`. A null
// kNonNullInCheckpoint field is Corrupt.
template <typename S>
void ReadFields(Getter& g, std::span<const Array* const> children, int64_t j, S* s) {
  ForEachField<S>([&](auto i) {
    constexpr size_t kI = decltype(i)::value;
    constexpr const FieldDesc<S>& kF = kField<S, kI>;
    const Array* child = children[kI];
    if (child == nullptr || !ReadCell(g, child, j, kF.name, &(s->*kMember<S, kI>))) {
      if constexpr ((kF.flags & kNonNullInCheckpoint) != 0) g.Required(kF.name);
    }
  });
}

// The children of struct `s` in the order of FieldTable<S>.
template <typename S>
std::array<const Array*, kNumFields<S>> Children(const Array& a) {
  std::array<const Array*, kNumFields<S>> out;
  for (size_t k = 0; k < out.size(); ++k) out[k] = Child(a, FieldTable<S>::kFields[k].name);
  return out;
}

// A nested struct cell: its children are looked up per row (one metaData
// row; deletion vectors only where a table has them).
template <typename S>
void ReadNested(Getter& g, const Array& a, int64_t i, std::string_view name, S* out) {
  Getter::Nested nested(&g, name);
  ReadFields(g, Children<S>(a), a.offset + i, out);
}

bool ReadCell(Getter& g, const Array* a, int64_t i, std::string_view f, Format* out) {
  // A format that is not a struct is ignored: the defaults apply.
  if (!a || a->IsNull(i) || a->type->id != TypeId::kStruct) return false;
  ReadNested(g, *a, i, f, out);
  return true;
}

bool ReadCell(Getter& g, const Array* a, int64_t i, std::string_view f, std::optional<DeletionVectorDescriptor>* out) {
  if (!a || a->IsNull(i)) return false;
  if (a->type->id != TypeId::kStruct) {
    g.Mistyped(f, "a struct");
    return false;
  }
  ReadNested(g, *a, i, f, &out->emplace());
  return true;
}

// Appends the add or remove of row j to `files`, built in place (an Add is
// large, and there may be millions), and its key hash to `hashes`.
template <typename T>
Status ReadFile(Getter& g, std::span<const Array* const> fields, int64_t j, std::vector<T>* files,
                std::vector<uint32_t>* hashes) {
  T& file = files->emplace_back();
  ReadFields(g, fields, j, &file);
  if (!g.error().ok()) {
    files->pop_back();
    return g.error();
  }
  hashes->push_back(FileKeyIndex::PathKeyHash(file.path, file.deletion_vector.has_value()));
  return Status::OK();
}

// Appends the action of row j to out->others.
template <typename T>
Status ReadOther(Getter& g, std::span<const Array* const> fields, int64_t j, CheckpointActions* out) {
  T action;
  ReadFields(g, fields, j, &action);
  SLUICE_RETURN_NOT_OK(g.error());
  out->others.emplace_back(std::move(action));
  return Status::OK();
}

}  // namespace

std::string_view CheckpointColumnName(CheckpointColumn kind) {
  return VisitKind(kind, []<typename T>(std::type_identity<T>) { return FieldTable<T>::kName; });
}

CheckpointColumnReader::CheckpointColumnReader(CheckpointColumn kind, const Array& column, const std::string& file)
    : kind_(kind), column_(column), file_(file) {
  VisitKind(kind, [&]<typename T>(std::type_identity<T>) {
    for (const FieldDesc<T>& f : FieldTable<T>::kFields) {
      // A field null in every row reads like an absent one (every getter
      // checks for null before the type), and then costs nothing per row:
      // most add fields (tags, deletionVector, baseRowId...) are unused in
      // most tables.
      const Array* child = Child(column, f.name);
      fields_.push_back(child && child->null_count == child->length ? nullptr : child);
    }
  });
}

Status CheckpointColumnReader::Read(int64_t r, int64_t file_row, CheckpointActions* out) const {
  if (column_.IsNull(r)) return Status::OK();
  Getter g(file_, file_row, CheckpointColumnName(kind_));
  const int64_t j = column_.offset + r;  // index into the struct's children
  switch (kind_) {
    case CheckpointColumn::kAdd:
      return ReadFile(g, fields_, j, &out->adds, &out->add_key_hashes);
    case CheckpointColumn::kRemove:
      return ReadFile(g, fields_, j, &out->removes, &out->remove_key_hashes);
    default:
      return VisitKind(kind_, [&]<typename T>(std::type_identity<T>) { return ReadOther<T>(g, fields_, j, out); });
  }
}

}  // namespace sluice::delta
