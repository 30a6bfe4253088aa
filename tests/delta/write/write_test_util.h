#pragma once

// Array and batch makers shared by the Delta write-path tests.

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "sluice/columnar/builder.h"

namespace sluice::delta::testing {

template <typename T>
columnar::ArrayPtr Numbers(const columnar::DataTypePtr& type, const std::vector<std::optional<T>>& values) {
  columnar::NumericBuilder<T> b(type);
  for (const auto& v : values) {
    if (v) {
      b.Append(*v);
    } else {
      b.AppendNull();
    }
  }
  auto r = b.Finish();
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return *r;
}

inline columnar::ArrayPtr Strings(const std::vector<std::optional<std::string>>& values,
                                  const columnar::DataTypePtr& type = columnar::String()) {
  columnar::BinaryBuilder b(type);
  for (const auto& v : values) {
    if (v) {
      EXPECT_TRUE(b.Append(*v).ok());
    } else {
      b.AppendNull();
    }
  }
  auto r = b.Finish();
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return *r;
}

inline columnar::ArrayPtr Bools(const std::vector<std::optional<bool>>& values) {
  columnar::BoolBuilder b;
  for (const auto& v : values) {
    if (v) {
      b.Append(*v);
    } else {
      b.AppendNull();
    }
  }
  auto r = b.Finish();
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return *r;
}

inline columnar::ArrayPtr Decimals(int32_t precision, int32_t scale,
                                   const std::vector<std::optional<__int128>>& values) {
  columnar::FixedSizeBinaryBuilder b(columnar::Decimal128(precision, scale));
  for (const auto& v : values) {
    if (v) {
      b.AppendDecimal(*v);
    } else {
      b.AppendNull();
    }
  }
  auto r = b.Finish();
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return *r;
}

// A struct array over `children` with validity `valid` (children keep their
// values under null rows, as Arrow allows).
inline columnar::ArrayPtr StructOf(std::vector<columnar::FieldPtr> fields, std::vector<columnar::ArrayPtr> children,
                                   const std::vector<bool>& valid) {
  auto a = std::make_shared<columnar::Array>();
  a->type = columnar::Struct(std::move(fields));
  a->length = static_cast<int64_t>(valid.size());
  auto bits = std::make_shared<Buffer>(bit_util::BytesForBits(a->length));
  for (size_t i = 0; i < valid.size(); ++i) {
    if (valid[i]) {
      bit_util::SetBit(bits->mutable_data(), static_cast<int64_t>(i));
    } else {
      ++a->null_count;
    }
  }
  a->buffers.push_back(a->null_count > 0 ? bits : nullptr);
  a->children = std::move(children);
  EXPECT_TRUE(columnar::ValidateArray(*a).ok()) << columnar::ValidateArray(*a).ToString();
  return a;
}

inline columnar::RecordBatch MakeBatch(std::vector<columnar::FieldPtr> fields,
                                       std::vector<columnar::ArrayPtr> columns) {
  auto schema = std::make_shared<columnar::Schema>();
  schema->fields = std::move(fields);
  columnar::RecordBatch batch{schema, columns.empty() ? 0 : columns[0]->length, std::move(columns)};
  EXPECT_TRUE(batch.Validate().ok()) << batch.Validate().ToString();
  return batch;
}

}  // namespace sluice::delta::testing
