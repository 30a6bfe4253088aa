// File statistics taken from the Parquet writer of the file: the writer
// already computes min/max/null count of every leaf for the footer and the
// page index, so the leaves where those mean what Delta's stats mean are not
// scanned a second time by FileStatsCollector::Add().
#include "sluice/common/bit_util.h"
#include "sluice/delta/write/file_stats.h"
#include "sluice/delta/write/file_stats_plan.h"
#include "sluice/parquet/file_writer.h"

namespace sluice::delta {

using columnar::TypeId;
using parquet::StatsOrder;
using namespace stats_internal;

namespace {

// The Parquet sort order whose statistics equal the Delta statistics of a
// leaf of type `t`, or kNone when FileStatsCollector::Add() computes them:
// floats (Parquet drops NaN and normalises zeros, Delta must know a NaN was
// there), decimals and timestamps in seconds (stored converted) among others.
StatsOrder ParquetOrderFor(const columnar::DataType& t) {
  switch (t.id) {
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kDate32:
      return StatsOrder::kInt32;
    case TypeId::kInt64:
      return StatsOrder::kInt64;
    case TypeId::kUInt8:
    case TypeId::kUInt16:
    case TypeId::kUInt32:
      return StatsOrder::kUInt32;
    case TypeId::kUInt64:
      return StatsOrder::kUInt64;
    case TypeId::kTimestamp:
      return t.unit == columnar::TimeUnit::kSecond ? StatsOrder::kNone : StatsOrder::kInt64;
    case TypeId::kString:
    case TypeId::kBinary:  // null count only
      return StatsOrder::kBytes;
    case TypeId::kBool:  // null count only
      return StatsOrder::kBool;
    default:
      return StatsOrder::kNone;
  }
}

// The Parquet leaf of the field at `path` (field indices), when every step
// above it is a struct; -1 otherwise (lists, maps, another schema).
int ParquetLeaf(const parquet::SchemaDescriptor& d, const StatsLeaf& leaf) {
  const auto& fields = d.fields();
  if (leaf.path.empty() || static_cast<size_t>(leaf.path[0]) >= fields.size()) return -1;
  const parquet::SchemaNode* node = &fields[leaf.path[0]];
  for (size_t i = 1; i < leaf.path.size(); ++i) {
    if (node->kind != parquet::SchemaNode::Kind::kStruct) return -1;
    if (static_cast<size_t>(leaf.path[i]) >= node->children.size()) return -1;
    node = &node->children[leaf.path[i]];
  }
  if (node->kind != parquet::SchemaNode::Kind::kLeaf || node->leaf_index < 0) return -1;
  if (!node->field || !node->field->type->Equals(*leaf.type)) return -1;
  const parquet::LeafColumn& column = d.leaves()[node->leaf_index];
  if (column.max_rep_level != 0 || parquet::StatsOrderFor(column) != ParquetOrderFor(*leaf.type)) return -1;
  return node->leaf_index;
}

}  // namespace

void FileStatsCollector::UseParquetStatistics(const parquet::SchemaDescriptor& descriptor) {
  Impl& s = *impl_;
  for (size_t l = 0; l < s.plan.leaves.size(); ++l) {
    const StatsLeaf& leaf = s.plan.leaves[l];
    s.parquet_leaf[l] = ParquetOrderFor(*leaf.type) == StatsOrder::kNone ? -1 : ParquetLeaf(descriptor, leaf);
  }
}

Status FileStatsCollector::TakeParquetStatistics(const parquet::FileWriter& writer) {
  Impl& s = *impl_;
  for (size_t l = 0; l < s.plan.leaves.size(); ++l) {
    const int p = s.parquet_leaf[l];
    if (p < 0) continue;
    const parquet::ColumnStatistics* cs = writer.leaf_statistics(p);
    if (cs == nullptr) return Status::Invalid("file statistics: the Parquet writer computed no column statistics");
    const StatsLeaf& leaf = s.plan.leaves[l];
    LeafAcc& acc = s.accs[l];
    acc.null_count = cs->null_count();
    if (leaf.kind == LeafKind::kNullCountOnly || !cs->has_min_max()) continue;
    const std::string lo = cs->EncodeMin();
    const std::string hi = cs->EncodeMax();
    // Encoded min/max are PLAIN: little-endian INT32/INT64, or the bytes.
    const size_t width = lo.size();
    if (leaf.kind != LeafKind::kString && (width != hi.size() || (width != 4 && width != 8))) {
      return Status::Invalid("file statistics: Parquet min/max of {} bytes for a {} column", width,
                             leaf.type->ToString());
    }
    switch (leaf.kind) {
      case LeafKind::kSigned:
      case LeafKind::kDate:
      case LeafKind::kTimestamp:
        acc.i_min = width == 4 ? bit_util::LoadLE<int32_t>(lo.data()) : bit_util::LoadLE<int64_t>(lo.data());
        acc.i_max = width == 4 ? bit_util::LoadLE<int32_t>(hi.data()) : bit_util::LoadLE<int64_t>(hi.data());
        break;
      case LeafKind::kUnsigned:
        acc.u_min = width == 4 ? bit_util::LoadLE<uint32_t>(lo.data()) : bit_util::LoadLE<uint64_t>(lo.data());
        acc.u_max = width == 4 ? bit_util::LoadLE<uint32_t>(hi.data()) : bit_util::LoadLE<uint64_t>(hi.data());
        break;
      case LeafKind::kString:
        acc.s_min = lo;
        acc.s_max = hi;
        break;
      default:
        return Status::Invalid("file statistics: no Parquet statistics for a {} column", leaf.type->ToString());
    }
    acc.has_min_max = true;
  }
  return Status::OK();
}

}  // namespace sluice::delta
