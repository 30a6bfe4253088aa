// libFuzzer target: the SQL expression parser (`--where`, replaceWhere and,
// later, the SQL layer's scalar expressions) on arbitrary text, then binding
// against a fixed schema and evaluating over a small batch. Errors are the
// expected outcome; a crash, hang, sanitizer report, or a parsed tree whose
// text does not parse back to the same text (short of the depth limit) is a
// bug.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "sluice/columnar/builder.h"
#include "sluice/expr/binder.h"
#include "sluice/expr/evaluate.h"
#include "sluice/expr/parse.h"

namespace {

namespace c = sluice::columnar;

const c::RecordBatch& Batch() {
  static const c::RecordBatch batch = [] {
    auto schema = std::make_shared<c::Schema>();
    schema->fields = {c::MakeField("a", c::Int64()), c::MakeField("s", c::String()), c::MakeField("d", c::Date32()),
                      c::MakeField("x", c::Float64()), c::MakeField("b", c::Bool())};
    c::Int64Builder a(c::Int64());
    c::BinaryBuilder s(c::String());
    c::NumericBuilder<int32_t> d(c::Date32());
    c::DoubleBuilder x(c::Float64());
    c::BoolBuilder b;
    for (int i = 0; i < 3; ++i) {
      a.Append(i - 1);
      (void)s.Append(i == 1 ? "p" : "q");
      d.Append(19000 + i);
      x.Append(i * 0.5);
      b.Append(i % 2 == 0);
    }
    a.AppendNull();
    s.AppendNull();
    d.AppendNull();
    x.AppendNull();
    b.AppendNull();
    return c::RecordBatch{schema, 4, {*a.Finish(), *s.Finish(), *d.Finish(), *x.Finish(), *b.Finish()}};
  }();
  return batch;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto e = sluice::expr::ParseExpr(text);
  if (!e.ok()) return 0;
  const std::string printed = e->ToString();
  auto again = sluice::expr::ParseExpr(printed);
  // The printed form parenthesises every node, so a tree near the depth
  // limit may print deeper than the limit: that refusal is the only failure
  // allowed.
  if (!again.ok()) {
    if (again.status().message().find("nested too deeply") == std::string::npos) __builtin_trap();
  } else if (again->ToString() != printed) {
    __builtin_trap();
  }
  auto bound = sluice::expr::Bind(*e, *Batch().schema);
  if (!bound.ok()) return 0;
  auto folded = sluice::expr::Fold(*bound);
  auto v = sluice::expr::Evaluate(folded, Batch());
  if (v.ok() && (*v)->length != Batch().num_rows) __builtin_trap();
  if (folded.type->id == c::TypeId::kBool) (void)sluice::expr::EvaluateSelection(folded, Batch());
  return 0;
}
