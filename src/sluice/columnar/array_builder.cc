#include "sluice/columnar/array_builder.h"

#include "sluice/columnar/builder.h"

namespace sluice::columnar {

std::shared_ptr<Array> ArrayBuilder::StartArray() {
  auto a = std::make_shared<Array>();
  a->type = type_;
  a->length = validity_.length();
  a->null_count = validity_.null_count();
  a->buffers.push_back(validity_.Finish());
  return a;
}

namespace {

template <typename T>
std::unique_ptr<ArrayBuilder> Numeric(const DataTypePtr& type) {
  return std::make_unique<NumericBuilder<T>>(type);
}

}  // namespace

Result<std::unique_ptr<ArrayBuilder>> MakeBuilder(const DataTypePtr& type) {
  if (type == nullptr) return Status::Invalid("MakeBuilder: no type");
  switch (type->id) {
    case TypeId::kNull:
      return std::unique_ptr<ArrayBuilder>(std::make_unique<NullBuilder>());
    case TypeId::kBool:
      return std::unique_ptr<ArrayBuilder>(std::make_unique<BoolBuilder>());
    case TypeId::kInt8:
      return Numeric<int8_t>(type);
    case TypeId::kInt16:
      return Numeric<int16_t>(type);
    case TypeId::kInt32:
    case TypeId::kDate32:
    case TypeId::kTime32:
      return Numeric<int32_t>(type);
    case TypeId::kInt64:
    case TypeId::kTime64:
    case TypeId::kTimestamp:
      return Numeric<int64_t>(type);
    case TypeId::kUInt8:
      return Numeric<uint8_t>(type);
    case TypeId::kUInt16:
    case TypeId::kFloat16:
      return Numeric<uint16_t>(type);
    case TypeId::kUInt32:
      return Numeric<uint32_t>(type);
    case TypeId::kUInt64:
      return Numeric<uint64_t>(type);
    case TypeId::kFloat32:
      return Numeric<float>(type);
    case TypeId::kFloat64:
      return Numeric<double>(type);
    case TypeId::kString:
    case TypeId::kBinary:
      return std::unique_ptr<ArrayBuilder>(std::make_unique<BinaryBuilder>(type));
    case TypeId::kFixedSizeBinary:
    case TypeId::kDecimal128:
      if (type->FixedWidth() <= 0) return Status::Invalid("MakeBuilder: bad byte width in {}", type->ToString());
      return std::unique_ptr<ArrayBuilder>(std::make_unique<FixedSizeBinaryBuilder>(type));
    case TypeId::kList: {
      if (type->children.size() != 1) return Status::Invalid("MakeBuilder: list needs one child");
      SLUICE_ASSIGN_OR_RETURN(auto values, MakeBuilder(type->children[0]->type));
      return std::unique_ptr<ArrayBuilder>(std::make_unique<ListBuilder>(type, std::move(values)));
    }
    case TypeId::kMap: {
      if (type->children.size() != 1 || type->children[0]->type->id != TypeId::kStruct ||
          type->children[0]->type->children.size() != 2) {
        return Status::Invalid("MakeBuilder: map needs a struct<key, value> entries child");
      }
      const auto& kv = type->children[0]->type->children;
      SLUICE_ASSIGN_OR_RETURN(auto keys, MakeBuilder(kv[0]->type));
      SLUICE_ASSIGN_OR_RETURN(auto items, MakeBuilder(kv[1]->type));
      return std::unique_ptr<ArrayBuilder>(std::make_unique<MapBuilder>(type, std::move(keys), std::move(items)));
    }
    case TypeId::kStruct: {
      std::vector<std::unique_ptr<ArrayBuilder>> fields;
      for (const auto& f : type->children) {
        SLUICE_ASSIGN_OR_RETURN(auto b, MakeBuilder(f->type));
        fields.push_back(std::move(b));
      }
      return std::unique_ptr<ArrayBuilder>(std::make_unique<StructBuilder>(type, std::move(fields)));
    }
  }
  return Status::NotSupported("MakeBuilder: type {}", type->ToString());
}

}  // namespace sluice::columnar
