#include "sluice/parquet/thrift/compact_reader.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace sluice::parquet::thrift {
namespace {

// Byte vectors below are hand-computed from the Thrift compact protocol spec
// (doc/specs/thrift-compact-protocol.md).

CompactReader ReaderOf(const std::vector<uint8_t>& bytes) {
  return CompactReader(bytes.data(), static_cast<int64_t>(bytes.size()));
}

TEST(ZigZagTest, SpecValues) {
  EXPECT_EQ(ZigZagEncode32(0), 0u);
  EXPECT_EQ(ZigZagEncode32(-1), 1u);
  EXPECT_EQ(ZigZagEncode32(1), 2u);
  EXPECT_EQ(ZigZagEncode32(-2), 3u);
  EXPECT_EQ(ZigZagEncode32(2147483647), 4294967294u);
  EXPECT_EQ(ZigZagEncode32(-2147483648), 4294967295u);
  EXPECT_EQ(ZigZagDecode32(4294967295u), INT32_MIN);
  EXPECT_EQ(ZigZagEncode64(INT64_MIN), UINT64_MAX);
  EXPECT_EQ(ZigZagDecode64(UINT64_MAX), INT64_MIN);
  EXPECT_EQ(ZigZagDecode64(UINT64_MAX - 1), INT64_MAX);
}

TEST(CompactReaderTest, Varints) {
  const std::vector<uint8_t> bytes = {0x01, 0xAC, 0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0xFF,
                                      0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01};
  auto r = ReaderOf(bytes);
  uint64_t v = 0;
  uint32_t v32 = 0;
  ASSERT_TRUE(r.ReadVarint64(&v).ok());
  EXPECT_EQ(v, 1u);
  ASSERT_TRUE(r.ReadVarint64(&v).ok());
  EXPECT_EQ(v, 300u);
  ASSERT_TRUE(r.ReadVarint32(&v32).ok());
  EXPECT_EQ(v32, UINT32_MAX);
  ASSERT_TRUE(r.ReadVarint64(&v).ok());
  EXPECT_EQ(v, UINT64_MAX);
  EXPECT_EQ(r.bytes_read(), static_cast<int64_t>(bytes.size()));
}

TEST(CompactReaderTest, IntegersAreZigZagVarints) {
  // i32 -1 -> 01; i32 150 -> zigzag 300 -> AC 02; i16 -2 -> 03; i64 INT64_MIN -> ten bytes.
  const std::vector<uint8_t> bytes = {0x01, 0xAC, 0x02, 0x03, 0xFF, 0xFF, 0xFF, 0xFF,
                                      0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0xFE};
  auto r = ReaderOf(bytes);
  int32_t i32 = 0;
  int16_t i16 = 0;
  int64_t i64 = 0;
  int8_t i8 = 0;
  ASSERT_TRUE(r.ReadI32(&i32).ok());
  EXPECT_EQ(i32, -1);
  ASSERT_TRUE(r.ReadI32(&i32).ok());
  EXPECT_EQ(i32, 150);
  ASSERT_TRUE(r.ReadI16(&i16).ok());
  EXPECT_EQ(i16, -2);
  ASSERT_TRUE(r.ReadI64(&i64).ok());
  EXPECT_EQ(i64, INT64_MIN);
  ASSERT_TRUE(r.ReadI8(&i8).ok());  // i8 is one raw byte
  EXPECT_EQ(i8, -2);
}

TEST(CompactReaderTest, DoubleAndBinary) {
  const std::vector<uint8_t> bytes = {0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 0x03, 'a', 'b', 'c', 0x00};
  auto r = ReaderOf(bytes);
  double d = 0;
  ASSERT_TRUE(r.ReadDouble(&d).ok());
  EXPECT_EQ(d, 1.0);
  std::string s;
  ASSERT_TRUE(r.ReadString(&s).ok());
  EXPECT_EQ(s, "abc");
  std::string_view empty = "x";
  ASSERT_TRUE(r.ReadBinary(&empty).ok());
  EXPECT_TRUE(empty.empty());
}

TEST(CompactReaderTest, FieldHeadersShortAndLongForm) {
  // id 1 i32 (delta 1) = 7; id 3 binary (delta 2); bool true id 4; bool false id 5;
  // id 100 i64 in long form: 06 + zigzag(100)=200 -> C8 01; then stop.
  const std::vector<uint8_t> bytes = {0x15, 0x0E, 0x28, 0x01, 'z', 0x11, 0x12, 0x06, 0xC8, 0x01, 0x02, 0x00};
  auto r = ReaderOf(bytes);
  ASSERT_TRUE(r.ReadStructBegin().ok());
  FieldHeader f;
  int32_t i32 = 0;
  ASSERT_TRUE(r.ReadFieldHeader(&f).ok());
  EXPECT_EQ(f.type, CompactType::kI32);
  EXPECT_EQ(f.id, 1);
  ASSERT_TRUE(r.ReadI32(&i32).ok());
  EXPECT_EQ(i32, 7);
  ASSERT_TRUE(r.ReadFieldHeader(&f).ok());
  EXPECT_EQ(f.type, CompactType::kBinary);
  EXPECT_EQ(f.id, 3);
  ASSERT_TRUE(r.Skip(f.type).ok());
  bool b = false;
  ASSERT_TRUE(r.ReadFieldHeader(&f).ok());
  EXPECT_EQ(f.id, 4);
  ASSERT_TRUE(r.ReadBool(&b).ok());
  EXPECT_TRUE(b);
  ASSERT_TRUE(r.ReadFieldHeader(&f).ok());
  EXPECT_EQ(f.id, 5);
  ASSERT_TRUE(r.ReadBool(&b).ok());
  EXPECT_FALSE(b);
  ASSERT_TRUE(r.ReadFieldHeader(&f).ok());
  EXPECT_EQ(f.type, CompactType::kI64);
  EXPECT_EQ(f.id, 100);
  int64_t i64 = 0;
  ASSERT_TRUE(r.ReadI64(&i64).ok());
  EXPECT_EQ(i64, 1);
  ASSERT_TRUE(r.ReadFieldHeader(&f).ok());
  EXPECT_EQ(f.type, CompactType::kStop);
  ASSERT_TRUE(r.ReadStructEnd().ok());
  EXPECT_EQ(r.bytes_read(), static_cast<int64_t>(bytes.size()));
}

TEST(CompactReaderTest, NestedStructRestoresLastFieldId) {
  // outer: id 2 struct { id 1 i32 = 0 } then delta 1 -> id 3 i32 = 0.
  const std::vector<uint8_t> bytes = {0x2C, 0x15, 0x00, 0x00, 0x15, 0x00, 0x00};
  auto r = ReaderOf(bytes);
  ASSERT_TRUE(r.ReadStructBegin().ok());
  FieldHeader f;
  ASSERT_TRUE(r.ReadFieldHeader(&f).ok());
  EXPECT_EQ(f.id, 2);
  ASSERT_TRUE(r.Skip(f.type).ok());
  ASSERT_TRUE(r.ReadFieldHeader(&f).ok());
  EXPECT_EQ(f.id, 3);
}

TEST(CompactReaderTest, ListHeaders) {
  // 3 x i32 short form; 20 x binary long form (F8 14); bool elements 1, 2 (false), 0 (false).
  const std::vector<uint8_t> bytes = {0x35, 0xF8, 0x14, 0x31, 0x01, 0x02, 0x00};
  auto r = ReaderOf(bytes);
  ListHeader h;
  ASSERT_TRUE(r.ReadListBegin(&h).ok());
  EXPECT_EQ(h.elem_type, CompactType::kI32);
  EXPECT_EQ(h.size, 3);
  ASSERT_TRUE(r.ReadListEnd().ok());
  auto r2 = CompactReader(bytes.data() + 1, 2);  // size 20 cannot fit in 0 remaining bytes
  EXPECT_EQ(r2.ReadListBegin(&h).code(), StatusCode::kCorrupt);
  auto r3 = CompactReader(bytes.data() + 3, 4);
  ASSERT_TRUE(r3.ReadListBegin(&h).ok());
  EXPECT_EQ(h.size, 3);
  bool b = false;
  ASSERT_TRUE(r3.ReadBool(&b).ok());
  EXPECT_TRUE(b);
  ASSERT_TRUE(r3.ReadBool(&b).ok());
  EXPECT_FALSE(b);
  ASSERT_TRUE(r3.ReadBool(&b).ok());
  EXPECT_FALSE(b);
}

TEST(CompactReaderTest, MapHeaders) {
  // empty map: 00; map of 1 entry binary->i32: 01 85 01 'k' 02.
  const std::vector<uint8_t> bytes = {0x00, 0x01, 0x85, 0x01, 'k', 0x02};
  auto r = ReaderOf(bytes);
  MapHeader m;
  ASSERT_TRUE(r.ReadMapBegin(&m).ok());
  EXPECT_EQ(m.size, 0);
  ASSERT_TRUE(r.ReadMapEnd().ok());
  ASSERT_TRUE(r.Skip(CompactType::kMap).ok());
  EXPECT_EQ(r.bytes_read(), 6);
}

TEST(CompactReaderTest, SkipsNestedValues) {
  // struct { 1: list<struct{1: bool true, 2: double}> [one element], 2: map<i32,list<i8>>{1: [5]} }
  const std::vector<uint8_t> bytes = {0x19, 0x1C, 0x11, 0x17, 0,    0,    0,    0,    0,    0,   0,
                                      0,    0x00, 0x1B, 0x01, 0x59, 0x02, 0x13, 0x05, 0x00, 0xAA};
  auto r = ReaderOf(bytes);
  ASSERT_TRUE(r.Skip(CompactType::kStruct).ok());
  EXPECT_EQ(r.bytes_read(), static_cast<int64_t>(bytes.size()) - 1);
}

TEST(CompactReaderTest, CorruptInputsGiveCorruptWithOffset) {
  uint64_t v;
  const std::vector<uint8_t> truncated = {0x80, 0x80};
  auto r1 = ReaderOf(truncated);
  Status s = r1.ReadVarint64(&v);
  EXPECT_EQ(s.code(), StatusCode::kCorrupt);
  EXPECT_NE(s.message().find("byte 2"), std::string::npos) << s.ToString();

  const std::vector<uint8_t> too_long(11, 0xFF);
  auto r2 = ReaderOf(too_long);
  EXPECT_EQ(r2.ReadVarint64(&v).code(), StatusCode::kCorrupt);

  const std::vector<uint8_t> big32 = {0x80, 0x80, 0x80, 0x80, 0x10};  // 2^32
  auto r3 = ReaderOf(big32);
  int32_t i32;
  EXPECT_EQ(r3.ReadI32(&i32).code(), StatusCode::kCorrupt);

  const std::vector<uint8_t> big16 = {0x80, 0x80, 0x04};  // zigzag 65536 -> 32768
  auto r4 = ReaderOf(big16);
  int16_t i16;
  EXPECT_EQ(r4.ReadI16(&i16).code(), StatusCode::kCorrupt);

  const std::vector<uint8_t> bad_type = {0x1D};  // type nibble 13
  auto r5 = ReaderOf(bad_type);
  ASSERT_TRUE(r5.ReadStructBegin().ok());
  FieldHeader f;
  EXPECT_EQ(r5.ReadFieldHeader(&f).code(), StatusCode::kCorrupt);

  const std::vector<uint8_t> long_binary = {0x05, 'a', 'b'};
  auto r6 = ReaderOf(long_binary);
  std::string_view sv;
  EXPECT_EQ(r6.ReadBinary(&sv).code(), StatusCode::kCorrupt);

  const std::vector<uint8_t> huge_list = {0xF5, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0x00};
  auto r7 = ReaderOf(huge_list);
  ListHeader h;
  EXPECT_EQ(r7.ReadListBegin(&h).code(), StatusCode::kCorrupt);

  const std::vector<uint8_t> doubles = {0x27, 0, 0, 0, 0, 0, 0, 0, 0};  // 2 doubles need 16 bytes
  auto r8 = ReaderOf(doubles);
  EXPECT_EQ(r8.ReadListBegin(&h).code(), StatusCode::kCorrupt);

  const std::vector<uint8_t> no_stop = {0x15, 0x02};
  auto r9 = ReaderOf(no_stop);
  EXPECT_EQ(r9.Skip(CompactType::kStruct).code(), StatusCode::kCorrupt);

  const std::vector<uint8_t> huge_map = {0xFF, 0xFF, 0x03, 0x55, 0x00, 0x00};
  auto r10 = ReaderOf(huge_map);
  MapHeader m;
  EXPECT_EQ(r10.ReadMapBegin(&m).code(), StatusCode::kCorrupt);
}

TEST(CompactReaderTest, SkipDepthIsLimited) {
  // 100 nested single-element lists of lists, then an i32.
  std::vector<uint8_t> bytes(100, 0x19);
  bytes.push_back(0x00);
  auto r = ReaderOf(bytes);
  Status s = r.Skip(CompactType::kList);
  EXPECT_EQ(s.code(), StatusCode::kCorrupt);
  EXPECT_NE(s.message().find("nesting"), std::string::npos) << s.ToString();

  // Deeply nested structs: field 1 struct, repeated.
  std::vector<uint8_t> structs(1000, 0x1C);
  auto r2 = ReaderOf(structs);
  EXPECT_EQ(r2.Skip(CompactType::kStruct).code(), StatusCode::kCorrupt);

  // 60 levels is fine.
  std::vector<uint8_t> ok(60, 0x1C);
  ok.insert(ok.end(), 61, 0x00);
  auto r3 = ReaderOf(ok);
  EXPECT_TRUE(r3.Skip(CompactType::kStruct).ok());
}

TEST(CompactReaderTest, EmptyInput) {
  auto r = CompactReader(nullptr, 0);
  EXPECT_EQ(r.Skip(CompactType::kStruct).code(), StatusCode::kCorrupt);
  bool b;
  EXPECT_EQ(r.ReadBool(&b).code(), StatusCode::kCorrupt);
  double d;
  EXPECT_EQ(r.ReadDouble(&d).code(), StatusCode::kCorrupt);
}

}  // namespace
}  // namespace sluice::parquet::thrift
