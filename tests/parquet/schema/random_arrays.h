#pragma once

// Test helper: random nested columnar types and arrays (via the builders).

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "sluice/columnar/builder.h"

namespace sluice::parquet::testing {

using columnar::DataTypePtr;
using columnar::FieldPtr;
using columnar::TypeId;

inline std::vector<DataTypePtr> AllLeafTypes() {
  using columnar::TimeUnit;
  namespace c = columnar;
  return {c::Bool(),
          c::Int8(),
          c::Int16(),
          c::Int32(),
          c::Int64(),
          c::UInt8(),
          c::UInt16(),
          c::UInt32(),
          c::UInt64(),
          c::Float16(),
          c::Float32(),
          c::Float64(),
          c::String(),
          c::Binary(),
          c::FixedSizeBinary(3),
          c::Date32(),
          c::Time32(TimeUnit::kMilli),
          c::Time64(TimeUnit::kMicro),
          c::Time64(TimeUnit::kNano),
          c::Timestamp(TimeUnit::kMilli, true),
          c::Timestamp(TimeUnit::kMicro, false),
          c::Timestamp(TimeUnit::kNano, true),
          c::Decimal128(5, 2),
          c::Decimal128(30, 4),
          c::Null()};
}

class RandomArrays {
 public:
  explicit RandomArrays(uint32_t seed) : rng_(seed) {}

  int Uniform(int n) { return static_cast<int>(rng_() % static_cast<uint32_t>(n)); }

  // A random field of nesting depth <= max_depth.
  FieldPtr RandomField(const std::string& name, int max_depth) {
    const int kind = max_depth > 0 ? Uniform(6) : 0;
    const bool nullable = Uniform(3) != 0;
    if (kind == 3) {
      std::vector<FieldPtr> fields;
      const int n = 1 + Uniform(3);
      for (int i = 0; i < n; ++i) fields.push_back(RandomField(fmt::format("f{}", i), max_depth - 1));
      return columnar::MakeField(name, columnar::Struct(std::move(fields)), nullable);
    }
    if (kind == 4) {
      return columnar::MakeField(name, columnar::List(RandomField(Uniform(2) ? "element" : "item", max_depth - 1)),
                                 nullable);
    }
    if (kind == 5) {
      auto key = columnar::MakeField("key", Uniform(2) ? columnar::Int32() : columnar::String(), false);
      return columnar::MakeField(name, columnar::Map(key, RandomField("value", max_depth - 1)), nullable);
    }
    auto leaves = AllLeafTypes();
    DataTypePtr t = leaves[Uniform(static_cast<int>(leaves.size()))];
    return columnar::MakeField(name, t, t->id == TypeId::kNull ? true : nullable);
  }

  columnar::ArrayPtr RandomArray(const FieldPtr& f, int64_t length) {
    auto b = columnar::MakeBuilder(f->type);
    EXPECT_TRUE(b.ok());
    for (int64_t i = 0; i < length; ++i) Append(b->get(), *f);
    auto a = (*b)->Finish();
    EXPECT_TRUE(a.ok()) << a.status().ToString();
    return *a;
  }

 private:
  template <typename T>
  void Num(columnar::ArrayBuilder* b) {
    static_cast<columnar::NumericBuilder<T>*>(b)->Append(static_cast<T>(rng_()));
  }

  void Append(columnar::ArrayBuilder* b, const columnar::Field& f) {
    if (f.nullable && Uniform(5) == 0) {
      b->AppendNull();
      return;
    }
    switch (f.type->id) {
      case TypeId::kNull:
        b->AppendNull();
        break;
      case TypeId::kBool:
        static_cast<columnar::BoolBuilder*>(b)->Append(Uniform(2));
        break;
      case TypeId::kInt8:
        Num<int8_t>(b);
        break;
      case TypeId::kUInt8:
        Num<uint8_t>(b);
        break;
      case TypeId::kInt16:
        Num<int16_t>(b);
        break;
      case TypeId::kUInt16:
      case TypeId::kFloat16:
        Num<uint16_t>(b);
        break;
      case TypeId::kInt32:
      case TypeId::kDate32:
      case TypeId::kTime32:
        Num<int32_t>(b);
        break;
      case TypeId::kUInt32:
        Num<uint32_t>(b);
        break;
      case TypeId::kFloat32:
        static_cast<columnar::NumericBuilder<float>*>(b)->Append(static_cast<float>(Uniform(1000)) / 7);
        break;
      case TypeId::kFloat64:
        static_cast<columnar::NumericBuilder<double>*>(b)->Append(static_cast<double>(Uniform(1000)) / 7);
        break;
      case TypeId::kInt64:
      case TypeId::kTime64:
      case TypeId::kTimestamp:
        Num<int64_t>(b);
        break;
      case TypeId::kUInt64:
        Num<uint64_t>(b);
        break;
      case TypeId::kString:
      case TypeId::kBinary: {
        std::string s(static_cast<size_t>(Uniform(6)), 'a');
        for (auto& ch : s) ch = static_cast<char>('a' + Uniform(26));
        EXPECT_TRUE(static_cast<columnar::BinaryBuilder*>(b)->Append(s).ok());
        break;
      }
      case TypeId::kFixedSizeBinary:
      case TypeId::kDecimal128: {
        uint8_t bytes[16];
        for (auto& x : bytes) x = static_cast<uint8_t>(rng_());
        static_cast<columnar::FixedSizeBinaryBuilder*>(b)->AppendRaw(bytes);
        break;
      }
      case TypeId::kStruct: {
        auto* sb = static_cast<columnar::StructBuilder*>(b);
        sb->Append();
        for (int i = 0; i < sb->num_fields(); ++i) Append(sb->field_builder(i), *f.type->children[i]);
        break;
      }
      case TypeId::kList: {
        auto* lb = static_cast<columnar::ListBuilder*>(b);
        EXPECT_TRUE(lb->Append().ok());
        const int n = Uniform(4);
        for (int i = 0; i < n; ++i) Append(lb->value_builder(), *f.type->children[0]);
        break;
      }
      case TypeId::kMap: {
        auto* mb = static_cast<columnar::MapBuilder*>(b);
        EXPECT_TRUE(mb->Append().ok());
        const auto& kv = f.type->children[0]->type->children;
        const int n = Uniform(4);
        for (int i = 0; i < n; ++i) {
          Append(mb->key_builder(), *kv[0]);
          Append(mb->item_builder(), *kv[1]);
        }
        break;
      }
    }
  }

  std::mt19937 rng_;
};

}  // namespace sluice::parquet::testing
