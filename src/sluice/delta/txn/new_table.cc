#include "sluice/delta/txn/new_table.h"

#include <algorithm>

#include "sluice/delta/protocol/table_features.h"

namespace sluice::delta {

Protocol ProtocolForNewTable(const Metadata& metadata) {
  // The features the metadata uses (table_features.cc says how each shows).
  std::vector<const TableFeatureInfo*> used;
  for (const TableFeatureInfo& f : KnownTableFeatures()) {
    if (FeatureInUse(f, metadata)) used.push_back(&f);
  }
  Protocol p;  // (1, 2): appendOnly and invariants are implied by writer version 2
  const bool needs_table_features =
      std::any_of(used.begin(), used.end(), [](const TableFeatureInfo* f) { return f->legacy_writer_version == 0; });
  if (!needs_table_features) {
    // Legacy versions: the highest one any used feature implies.
    for (const TableFeatureInfo* f : used)
      p.min_writer_version = std::max(p.min_writer_version, f->legacy_writer_version);
    if (std::any_of(used.begin(), used.end(), [](const TableFeatureInfo* f) { return f->reader_writer; })) {
      p.min_reader_version = 2;  // columnMapping, the only legacy reader-writer feature
    }
    return p;
  }
  // Writer version 7 lists every feature in use (nothing is implied any
  // more); reader version 3 lists the reader-writer ones.
  p.min_writer_version = 7;
  p.writer_features.emplace();
  std::vector<std::string> reader;
  for (const TableFeatureInfo* f : used) {
    p.writer_features->emplace_back(f->name);
    if (f->reader_writer) reader.emplace_back(f->name);
  }
  if (!reader.empty()) {
    p.min_reader_version = 3;
    p.reader_features = std::move(reader);
  }
  return p;
}

}  // namespace sluice::delta
