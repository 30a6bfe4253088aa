#include "sluice/delta/read/deletion_vector.h"

#include <gtest/gtest.h>
#include <roaring/roaring.h>

#include <cstring>
#include <filesystem>
#include <fstream>

namespace sluice::delta {
namespace {

const std::string kDeltaRs = std::string(SLUICE_TESTDATA_DIR) + "/delta/delta-rs";

DeletionVectorDescriptor OnDisk(std::string z85, int32_t offset, int32_t size, int64_t cardinality) {
  DeletionVectorDescriptor dv;
  dv.storage_type = "u";
  dv.path_or_inline_dv = std::move(z85);
  dv.offset = offset;
  dv.size_in_bytes = size;
  dv.cardinality = cardinality;
  return dv;
}

// Serializes a 64-bit RoaringBitmapArray by hand: magic, bucket count, then
// (key, portable 32-bit roaring) pairs.
std::vector<uint8_t> MakeBitmapArray(const std::vector<std::pair<uint32_t, std::vector<uint32_t>>>& buckets) {
  std::vector<uint8_t> out = {0xD1, 0xD3, 0x39, 0x64};  // 1681511377 little-endian
  uint64_t n = buckets.size();
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<uint8_t>(n >> (8 * i)));
  for (const auto& [key, values] : buckets) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<uint8_t>(key >> (8 * i)));
    roaring_bitmap_t* r = roaring_bitmap_of_ptr(values.size(), values.data());
    std::vector<char> buf(roaring_bitmap_portable_size_in_bytes(r));
    roaring_bitmap_portable_serialize(r, buf.data());
    roaring_bitmap_free(r);
    out.insert(out.end(), buf.begin(), buf.end());
  }
  return out;
}

TEST(Z85, DecodesSpecVector) {
  // ZeroMQ RFC 32: "HelloWorld" <-> 86 4F D2 6F B5 59 F7 5B.
  auto r = Z85Decode("HelloWorld");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, (std::vector<uint8_t>{0x86, 0x4F, 0xD2, 0x6F, 0xB5, 0x59, 0xF7, 0x5B}));
  EXPECT_TRUE(Z85Decode("").ok());
}

TEST(Z85, RejectsBadInput) {
  EXPECT_EQ(Z85Decode("Hell").status().code(), StatusCode::kCorrupt);        // not a multiple of 5
  EXPECT_EQ(Z85Decode("Hello Worl").status().code(), StatusCode::kCorrupt);  // space is not Z85
  EXPECT_EQ(Z85Decode("#####").status().code(), StatusCode::kCorrupt);       // 84*(85^4+..) > 2^32
}

TEST(DeletionVector, PathFromUuidWithAndWithoutPrefix) {
  // PROTOCOL.md "JSON Example 1".
  DeletionVectorDescriptor dv = OnDisk("ab^-aqEH.-t@S}K{vb[*k^", 4, 40, 6);
  auto p = DeletionVectorPath("/t", dv);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(*p, "/t/ab/deletion_vector_d2c639aa-8816-431a-aaf6-d3fe2512ff61.bin");
  dv.path_or_inline_dv = "vBn[lx{q8@P<9BNH/isA";
  p = DeletionVectorPath("/t/", dv);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(*p, "/t/deletion_vector_61d16c75-6994-46b7-a15b-8b538852e50e.bin");
  dv.path_or_inline_dv = "short";
  EXPECT_FALSE(DeletionVectorPath("/t", dv).ok());
  dv.storage_type = "i";
  EXPECT_EQ(DeletionVectorPath("/t", dv).status().code(), StatusCode::kInvalid);
}

TEST(DeletionVector, InlineProtocolExample) {
  // PROTOCOL.md "JSON Example 3": rows 3, 4, 7, 11, 18, 29.
  DeletionVectorDescriptor dv;
  dv.storage_type = "i";
  dv.path_or_inline_dv = "wi5b=000010000siXQKl0rr91000f55c8Xg0@@D72lkbi5=-{L";
  dv.size_in_bytes = 40;
  dv.cardinality = 6;
  auto fs = io::LocalFileSystem();
  auto r = LoadDeletionVector(*fs, "/nowhere", dv, 100);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, (std::vector<uint64_t>{3, 4, 7, 11, 18, 29}));
  // Cardinality must match.
  dv.cardinality = 5;
  EXPECT_EQ(LoadDeletionVector(*fs, "/nowhere", dv, 100).status().code(), StatusCode::kCorrupt);
  // Positions past the file's rows are corrupt.
  dv.cardinality = 6;
  EXPECT_EQ(LoadDeletionVector(*fs, "/nowhere", dv, 29).status().code(), StatusCode::kCorrupt);
}

TEST(DeletionVector, FileFromDeltaRsTable) {
  // delta-rs/table-with-dv-small: version 1 deletes rows 0 and 9 of 10.
  auto fs = io::LocalFileSystem();
  auto r = LoadDeletionVector(*fs, kDeltaRs + "/table-with-dv-small", OnDisk("vBn[lx{q8@P<9BNH/isA", 1, 36, 2), 10);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, (std::vector<uint64_t>{0, 9}));
}

TEST(DeletionVector, TwoVectorsInOneFile) {
  // cdf-table-with-cdc-and-dvs: one DV file, DVs at offsets 1 and 43.
  auto fs = io::LocalFileSystem();
  const std::string root = kDeltaRs + "/cdf-table-with-cdc-and-dvs";
  auto a = LoadDeletionVector(*fs, root, OnDisk("F0u+Uo^@EuVa@tFk))2D", 1, 34, 1), 2);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(*a, (std::vector<uint64_t>{0}));
  auto b = LoadDeletionVector(*fs, root, OnDisk("F0u+Uo^@EuVa@tFk))2D", 43, 34, 1), 2);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(*b, (std::vector<uint64_t>{1}));
  // A wrong size or offset does not match the stored size.
  EXPECT_EQ(LoadDeletionVector(*fs, root, OnDisk("F0u+Uo^@EuVa@tFk))2D", 1, 30, 1), 2).status().code(),
            StatusCode::kCorrupt);
  EXPECT_EQ(LoadDeletionVector(*fs, root, OnDisk("F0u+Uo^@EuVa@tFk))2D", 80, 34, 1), 2).status().code(),
            StatusCode::kCorrupt);
}

TEST(DeletionVector, ChecksumAndVersionAreVerified) {
  const std::string src = kDeltaRs + "/table-with-dv-small/deletion_vector_61d16c75-6994-46b7-a15b-8b538852e50e.bin";
  const auto dir = std::filesystem::temp_directory_path() / ("sluice_dv_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto dst = dir / "deletion_vector_61d16c75-6994-46b7-a15b-8b538852e50e.bin";
  std::ifstream in(src, std::ios::binary);
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_EQ(bytes.size(), 45u);
  auto write = [&](const std::vector<char>& b) {
    std::ofstream out(dst, std::ios::binary | std::ios::trunc);
    out.write(b.data(), static_cast<std::streamsize>(b.size()));
  };
  auto fs = io::LocalFileSystem();
  const DeletionVectorDescriptor dv = OnDisk("vBn[lx{q8@P<9BNH/isA", 1, 36, 2);
  write(bytes);
  ASSERT_TRUE(LoadDeletionVector(*fs, dir.string(), dv, 10).ok());
  auto flipped = bytes;
  flipped[30] ^= 1;  // inside the bitmap
  write(flipped);
  auto r = LoadDeletionVector(*fs, dir.string(), dv, 10);
  EXPECT_EQ(r.status().code(), StatusCode::kCorrupt);
  EXPECT_NE(r.status().message().find("checksum"), std::string::npos) << r.status().ToString();
  auto version = bytes;
  version[0] = 2;
  write(version);
  EXPECT_EQ(LoadDeletionVector(*fs, dir.string(), dv, 10).status().code(), StatusCode::kCorrupt);
  write(std::vector<char>(bytes.begin(), bytes.begin() + 20));  // truncated
  EXPECT_EQ(LoadDeletionVector(*fs, dir.string(), dv, 10).status().code(), StatusCode::kCorrupt);
  std::filesystem::remove_all(dir);
}

TEST(RoaringBitmapArray, SeveralBucketsGiveSortedPositions) {
  auto bytes = MakeBitmapArray({{0, {1, 2, 70000}}, {1, {5}}});
  auto r = ParseRoaringBitmapArray(bytes, uint64_t{1} << 40);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, (std::vector<uint64_t>{1, 2, 70000, (uint64_t{1} << 32) | 5}));
  // More positions than the file has rows.
  EXPECT_EQ(ParseRoaringBitmapArray(bytes, 70001).status().code(), StatusCode::kCorrupt);
}

TEST(RoaringBitmapArray, EmptyBitmap) {
  auto r = ParseRoaringBitmapArray(MakeBitmapArray({}), 10);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->empty());
}

TEST(RoaringBitmapArray, CorruptInputs) {
  auto good = MakeBitmapArray({{0, {1, 2}}, {3, {4}}});
  auto bad_magic = good;
  bad_magic[0] ^= 0xFF;
  EXPECT_EQ(ParseRoaringBitmapArray(bad_magic, 1ull << 40).status().code(), StatusCode::kCorrupt);
  // Keys out of order.
  auto unordered = MakeBitmapArray({{3, {1}}, {0, {2}}});
  EXPECT_EQ(ParseRoaringBitmapArray(unordered, 1ull << 40).status().code(), StatusCode::kCorrupt);
  // Negative (top bit set) key.
  auto negative = MakeBitmapArray({{0x80000000u, {1}}});
  EXPECT_EQ(ParseRoaringBitmapArray(negative, UINT64_MAX).status().code(), StatusCode::kCorrupt);
  // Absurd bucket count.
  auto many = good;
  many[11] = 0x7F;
  EXPECT_EQ(ParseRoaringBitmapArray(many, 1ull << 40).status().code(), StatusCode::kCorrupt);
  // Every truncation is an error, never a crash.
  for (size_t n = 0; n < good.size(); ++n) {
    auto r = ParseRoaringBitmapArray(std::span<const uint8_t>(good.data(), n), 1ull << 40);
    EXPECT_FALSE(r.ok()) << "truncated to " << n;
  }
  // Random byte flips never crash.
  for (size_t i = 12; i < good.size(); ++i) {
    auto b = good;
    b[i] ^= 0x5A;
    (void)ParseRoaringBitmapArray(b, 1ull << 40);
  }
}

}  // namespace
}  // namespace sluice::delta
