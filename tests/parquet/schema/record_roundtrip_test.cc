// Random nested schemas and arrays: FromColumnar -> FromParquet gives the same
// schema, and ShredField -> AssembleField gives equal arrays (sliced inputs,
// appends in two chunks).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "random_arrays.h"
#include "sluice/parquet/schema/record_assembly.h"
#include "sluice/parquet/schema/schema_descriptor.h"

namespace sluice::parquet {
namespace {

using testing::RandomArrays;

std::vector<LeafData> ShredAll(const SchemaDescriptor& d, int field, const std::vector<columnar::ArrayPtr>& chunks) {
  const auto [first, last] = d.LeafRange(field);
  std::vector<LeafData> leaves(last - first);
  std::vector<LeafData*> out;
  for (auto& l : leaves) out.push_back(&l);
  for (const auto& c : chunks) {
    Status st = ShredField(d, field, *c, out);
    EXPECT_TRUE(st.ok()) << st.ToString();
  }
  return leaves;
}

columnar::ArrayPtr Assemble(const SchemaDescriptor& d, int field, const std::vector<LeafData>& leaves, int64_t rows) {
  std::vector<const LeafData*> in;
  for (const auto& l : leaves) in.push_back(&l);
  auto r = AssembleField(d, field, in, rows);
  EXPECT_TRUE(r.ok()) << r.status().ToString() << "\n"
                      << d.schema()->fields[field]->ToString() << "\n"
                      << [&] {
                           std::string s;
                           for (const auto& l : leaves) {
                             s += "def:";
                             for (int64_t i = 0; i < l.def_levels->size() / 2; ++i)
                               s += fmt::format(" {}", l.def_levels->data_as<int16_t>()[i]);
                             s += "\nrep:";
                             for (int64_t i = 0; i < l.rep_levels->size() / 2; ++i)
                               s += fmt::format(" {}", l.rep_levels->data_as<int16_t>()[i]);
                             s += "\n";
                           }
                           return s;
                         }();
  return r.ok() ? *r : nullptr;
}

TEST(SchemaFromColumnar, EveryLeafTypeRoundTrips) {
  std::vector<columnar::FieldPtr> fields;
  int i = 0;
  for (const auto& t : testing::AllLeafTypes()) {
    fields.push_back(columnar::MakeField(fmt::format("n{}", i), t, true));
    if (t->id != columnar::TypeId::kNull) fields.push_back(columnar::MakeField(fmt::format("r{}", i), t, false));
    ++i;
  }
  columnar::Schema schema{fields, {}};
  auto d = SchemaDescriptor::FromColumnar(schema);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ((*d)->elements()[0].name, "schema");
  EXPECT_EQ((*d)->elements()[0].num_children, static_cast<int32_t>(fields.size()));
  auto back = SchemaDescriptor::FromParquet((*d)->elements());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_TRUE((*back)->schema()->Equals(schema)) << (*back)->schema()->ToString() << "\nvs\n" << schema.ToString();
}

TEST(SchemaFromColumnar, WritesStrictModernForms) {
  auto key = columnar::MakeField("key", columnar::String(), false);
  columnar::Schema schema{
      {columnar::MakeField("l", columnar::List(columnar::MakeField("element", columnar::Int32(), true)), true),
       columnar::MakeField("m", columnar::Map(key, columnar::MakeField("value", columnar::Int64(), true)), false),
       columnar::MakeField("ts", columnar::Timestamp(columnar::TimeUnit::kSecond, true), true)},
      {}};
  auto d = SchemaDescriptor::FromColumnar(schema);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  const auto& e = (*d)->elements();
  ASSERT_EQ(e.size(), 9u);
  EXPECT_EQ(e[1].converted_type, format::ConvertedType::LIST);
  EXPECT_EQ(e[2].name, "list");
  EXPECT_EQ(e[2].repetition_type, format::FieldRepetitionType::REPEATED);
  EXPECT_EQ(e[4].converted_type, format::ConvertedType::MAP);
  EXPECT_EQ(e[5].name, "key_value");
  EXPECT_EQ(e[6].repetition_type, format::FieldRepetitionType::REQUIRED);
  EXPECT_EQ(e[6].converted_type, format::ConvertedType::UTF8);
  EXPECT_EQ(e[8].logical_type->timestamp.unit, format::TimeUnit::MILLIS);
  EXPECT_EQ(e[8].converted_type, format::ConvertedType::TIMESTAMP_MILLIS);
  // The descriptor keeps the caller's schema; the leaf is read back as ms.
  EXPECT_TRUE((*d)->schema()->Equals(schema));
  EXPECT_EQ((*d)->leaves()[3].type->ToString(), "timestamp[ms, UTC]");
}

TEST(RecordRoundTrip, TimestampSecondsAreWrittenAsMillis) {
  auto f = columnar::MakeField("ts", columnar::Timestamp(columnar::TimeUnit::kSecond, false), true);
  auto d = *SchemaDescriptor::FromColumnar(columnar::Schema{{f}, {}});
  columnar::NumericBuilder<int64_t> b(f->type);
  b.Append(3);
  b.AppendNull();
  b.Append(-2);
  auto a = *b.Finish();
  auto leaves = ShredAll(*d, 0, {a});
  ASSERT_EQ(leaves[0].num_values, 2);
  EXPECT_EQ(leaves[0].values->data_as<int64_t>()[0], 3000);
  EXPECT_EQ(leaves[0].values->data_as<int64_t>()[1], -2000);
}

TEST(RecordRoundTrip, RandomNestedArrays) {
  RandomArrays gen(20240601);
  for (int iter = 0; iter < 400; ++iter) {
    std::vector<columnar::FieldPtr> fields;
    const int nf = 1 + gen.Uniform(3);
    for (int i = 0; i < nf; ++i) fields.push_back(gen.RandomField(fmt::format("c{}", i), gen.Uniform(4)));
    columnar::Schema schema{fields, {}};
    auto d = SchemaDescriptor::FromColumnar(schema);
    ASSERT_TRUE(d.ok()) << d.status().ToString();
    auto back = SchemaDescriptor::FromParquet((*d)->elements());
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    ASSERT_TRUE((*back)->schema()->Equals(schema)) << schema.ToString();
    for (int i = 0; i < nf; ++i) {
      const int64_t len = gen.Uniform(40);
      auto full = gen.RandomArray(fields[i], len);
      const int64_t off = len ? gen.Uniform(static_cast<int>(len)) : 0;
      const int64_t n = len - off ? gen.Uniform(static_cast<int>(len - off) + 1) : 0;
      auto sliced = full->Slice(off, n);
      const int64_t cut = n ? gen.Uniform(static_cast<int>(n) + 1) : 0;
      // One shot, through the descriptor read back from the elements.
      auto leaves = ShredAll(**d, i, {sliced});
      auto out = Assemble(**back, i, leaves, n);
      ASSERT_NE(out, nullptr);
      EXPECT_TRUE(columnar::ArraysEqual(*sliced, *out)) << "iter " << iter << " " << fields[i]->ToString();
      EXPECT_TRUE(columnar::ValidateArray(*out).ok()) << columnar::ValidateArray(*out).ToString();
      // Two appended chunks.
      auto leaves2 = ShredAll(**d, i, {sliced->Slice(0, cut), sliced->Slice(cut, n - cut)});
      auto out2 = Assemble(**d, i, leaves2, n);
      ASSERT_NE(out2, nullptr);
      EXPECT_TRUE(columnar::ArraysEqual(*sliced, *out2)) << "iter " << iter << " chunked " << fields[i]->ToString();
    }
  }
}

}  // namespace
}  // namespace sluice::parquet
