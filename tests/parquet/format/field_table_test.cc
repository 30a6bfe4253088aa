// Pins down the field-table machinery (field_table.h) on a probe struct: read
// dispatch by id, skipping of unknown ids and mismatched wire types, the
// required-field check and its message, write order and codec hooks. The exact message
// for a real struct is pinned in metadata_corrupt_test.cc.
#include "sluice/parquet/format/field_table.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "sluice/common/buffer.h"

namespace sluice::parquet::format {
namespace {

struct Probe {
  int32_t a = 0;
  std::optional<std::string> b;
  bool c = false;
  std::optional<int64_t> d;
  std::optional<std::vector<int32_t>> e;
};

// Leaves out d when it holds -1.
struct SkipMinusOne : DefaultCodec<int64_t> {
  static bool Omit(int64_t v) { return v == -1; }
};

constexpr StructTable kProbe{
    "Probe",
    Required(1, "a", &Probe::a),
    Optional(2, "b", &Probe::b),
    Required(4, "c", &Probe::c),
    Optional<SkipMinusOne>(7, "d", &Probe::d),
    Optional(9, "e", &Probe::e),
};

static_assert(kProbe.RequiredMask() == ((1u << 1) | (1u << 4)));
static_assert(kProbe.IdsValid());

Result<Probe> Read(const Buffer& buf) {
  CompactReader r(buf.data(), buf.size());
  Probe p;
  SLUICE_RETURN_NOT_OK(ReadTable<kProbe>(&r, &p));
  return p;
}

Buffer Write(const Probe& p) {
  Buffer buf;
  CompactWriter w(&buf);
  WriteTable<kProbe>(&w, p);
  return buf;
}

TEST(FieldTableTest, WritesSetFieldsInIdOrderAsHandWrittenCalls) {
  Probe p;
  p.a = 5;
  p.c = true;
  p.d = 300;
  p.e = std::vector<int32_t>{1, 2};
  Buffer want;
  CompactWriter w(&want);
  w.WriteStructBegin();
  w.WriteFieldHeader(CompactType::kI32, 1);
  w.WriteI32(5);
  w.WriteFieldBool(4, true);
  w.WriteFieldHeader(CompactType::kI64, 7);
  w.WriteI64(300);
  w.WriteFieldHeader(CompactType::kList, 9);
  w.WriteListHeader(CompactType::kI32, 2);
  w.WriteI32(1);
  w.WriteI32(2);
  w.WriteStructEnd();
  const Buffer got = Write(p);
  EXPECT_EQ(std::vector<uint8_t>(got.data(), got.data() + got.size()),
            std::vector<uint8_t>(want.data(), want.data() + want.size()));

  auto back = Read(got);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->a, 5);
  EXPECT_FALSE(back->b.has_value());
  EXPECT_TRUE(back->c);
  EXPECT_EQ(back->d, 300);
  EXPECT_EQ(back->e, (std::vector<int32_t>{1, 2}));
}

TEST(FieldTableTest, CodecOmitLeavesOutASetOptional) {
  Probe p;
  p.d = -1;
  auto back = Read(Write(p));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_FALSE(back->d.has_value());
}

TEST(FieldTableTest, SkipsUnknownIdsAndMismatchedWireTypes) {
  Buffer buf;
  CompactWriter w(&buf);
  w.WriteStructBegin();
  w.WriteFieldHeader(CompactType::kI32, 1);
  w.WriteI32(7);
  w.WriteFieldHeader(CompactType::kI32, 2);  // b is binary: skipped
  w.WriteI32(9);
  w.WriteFieldHeader(CompactType::kBinary, 3);  // unknown id
  w.WriteBinary("x");
  w.WriteFieldBool(4, false);
  w.WriteFieldHeader(CompactType::kDouble, 20);  // unknown id past the last field
  w.WriteDouble(1.5);
  w.WriteStructEnd();
  auto p = Read(buf);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->a, 7);
  EXPECT_FALSE(p->b.has_value());
  EXPECT_FALSE(p->c);
}

TEST(FieldTableTest, MissingRequiredFieldNamesTheFirstInTableOrder) {
  Buffer buf;
  CompactWriter w(&buf);
  w.WriteStructBegin();
  w.WriteFieldHeader(CompactType::kBinary, 1);  // a with the wrong wire type counts as missing
  w.WriteBinary("no");
  w.WriteStructEnd();
  auto p = Read(buf);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), StatusCode::kCorrupt);
  EXPECT_EQ(p.status().message(), "thrift compact: Probe is missing required field a (1) in struct ending at byte " +
                                      std::to_string(buf.size()));
}

}  // namespace
}  // namespace sluice::parquet::format
