#include "sluice/parquet/thrift/compact_writer.h"

#include <gtest/gtest.h>

#include <limits>
#include <vector>

#include "sluice/parquet/thrift/compact_reader.h"

namespace sluice::parquet::thrift {
namespace {

std::vector<uint8_t> Bytes(const Buffer& b) { return {b.data(), b.data() + b.size()}; }

TEST(CompactWriterTest, ScalarsMatchSpecBytes) {
  Buffer buf;
  CompactWriter w(&buf);
  w.WriteI32(-1);
  w.WriteI32(150);
  w.WriteI16(-2);
  w.WriteI8(-2);
  w.WriteVarint(300);
  w.WriteDouble(1.0);
  w.WriteBinary("abc");
  w.WriteBool(true);
  w.WriteBool(false);
  EXPECT_EQ(Bytes(buf), (std::vector<uint8_t>{0x01, 0xAC, 0x02, 0x03, 0xFE, 0xAC, 0x02, 0,   0,    0,   0,
                                              0,    0,    0xF0, 0x3F, 0x03, 'a',  'b',  'c', 0x01, 0x02}));
}

TEST(CompactWriterTest, FieldHeadersUseDeltaWhenPossible) {
  Buffer buf;
  CompactWriter w(&buf);
  w.WriteStructBegin();
  w.WriteFieldHeader(CompactType::kI32, 1);  // delta 1
  w.WriteI32(7);
  w.WriteFieldHeader(CompactType::kBinary, 16);  // delta 15: still short
  w.WriteBinary("");
  w.WriteFieldHeader(CompactType::kI64, 100);  // delta 84: long form
  w.WriteI64(1);
  w.WriteFieldBool(50, true);  // id goes down: long form
  w.WriteFieldBool(51, false);
  w.WriteFieldHeader(CompactType::kStruct, 52);
  w.WriteStructBegin();
  w.WriteFieldHeader(CompactType::kI16, 1);  // inner struct starts at 0 again
  w.WriteI16(1);
  w.WriteStructEnd();
  w.WriteFieldHeader(CompactType::kList, 53);  // outer last id restored to 52
  w.WriteListHeader(CompactType::kI32, 20);
  w.WriteStructEnd();
  EXPECT_EQ(Bytes(buf), (std::vector<uint8_t>{0x15, 0x0E, 0xF8, 0x00, 0x06, 0xC8, 0x01, 0x02, 0x01, 0x64, 0x12, 0x1C,
                                              0x14, 0x02, 0x00, 0x19, 0xF5, 0x14, 0x00}));
}

TEST(CompactWriterTest, ListAndMapHeaders) {
  Buffer buf;
  CompactWriter w(&buf);
  w.WriteListHeader(CompactType::kI32, 3);
  w.WriteListHeader(CompactType::kBinary, 14);
  w.WriteListHeader(CompactType::kBinary, 15);
  w.WriteMapHeader(CompactType::kBinary, CompactType::kI32, 0);
  w.WriteMapHeader(CompactType::kBinary, CompactType::kI32, 1);
  EXPECT_EQ(Bytes(buf), (std::vector<uint8_t>{0x35, 0xE8, 0xF8, 0x0F, 0x00, 0x01, 0x85}));
}

TEST(CompactWriterTest, RoundTripsExtremes) {
  Buffer buf;
  CompactWriter w(&buf);
  const int64_t i64s[] = {0, 1, -1, INT64_MAX, INT64_MIN, 1LL << 40};
  const int32_t i32s[] = {0, INT32_MAX, INT32_MIN, -300};
  const int16_t i16s[] = {INT16_MAX, INT16_MIN};
  for (auto v : i64s) w.WriteI64(v);
  for (auto v : i32s) w.WriteI32(v);
  for (auto v : i16s) w.WriteI16(v);
  w.WriteDouble(-0.0);
  w.WriteDouble(std::numeric_limits<double>::infinity());
  w.WriteStructBegin();
  w.WriteFieldHeader(CompactType::kI32, INT16_MAX);
  w.WriteI32(5);
  w.WriteFieldHeader(CompactType::kI32, INT16_MIN);
  w.WriteI32(6);
  w.WriteStructEnd();

  CompactReader r(buf.data(), buf.size());
  for (auto v : i64s) {
    int64_t got;
    ASSERT_TRUE(r.ReadI64(&got).ok());
    EXPECT_EQ(got, v);
  }
  for (auto v : i32s) {
    int32_t got;
    ASSERT_TRUE(r.ReadI32(&got).ok());
    EXPECT_EQ(got, v);
  }
  for (auto v : i16s) {
    int16_t got;
    ASSERT_TRUE(r.ReadI16(&got).ok());
    EXPECT_EQ(got, v);
  }
  double d;
  ASSERT_TRUE(r.ReadDouble(&d).ok());
  EXPECT_TRUE(std::signbit(d));
  ASSERT_TRUE(r.ReadDouble(&d).ok());
  EXPECT_EQ(d, std::numeric_limits<double>::infinity());
  ASSERT_TRUE(r.ReadStructBegin().ok());
  FieldHeader f;
  ASSERT_TRUE(r.ReadFieldHeader(&f).ok());
  EXPECT_EQ(f.id, INT16_MAX);
  ASSERT_TRUE(r.Skip(f.type).ok());
  ASSERT_TRUE(r.ReadFieldHeader(&f).ok());
  EXPECT_EQ(f.id, INT16_MIN);
  ASSERT_TRUE(r.Skip(f.type).ok());
  ASSERT_TRUE(r.ReadFieldHeader(&f).ok());
  EXPECT_EQ(f.type, CompactType::kStop);
  EXPECT_EQ(r.remaining(), 0);
}

}  // namespace
}  // namespace sluice::parquet::thrift
