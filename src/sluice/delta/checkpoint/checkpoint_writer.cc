#include "sluice/delta/checkpoint/checkpoint_writer.h"

#include <algorithm>
#include <chrono>

#include "sluice/common/clock.h"
#include "sluice/common/failpoint.h"
#include "sluice/delta/checkpoint/checkpoint_batch_builder.h"
#include "sluice/delta/log/last_checkpoint.h"
#include "sluice/delta/protocol/table_config.h"
#include "sluice/io/file.h"
#include "sluice/parquet/file_writer.h"

namespace sluice::delta {
namespace {

// Rows per batch handed to the Parquet writer: bounds the builders' memory.
constexpr int64_t kBatchRows = 64 * 1024;

bool Lists(const std::optional<std::vector<std::string>>& features, std::string_view name) {
  return features && std::find(features->begin(), features->end(), name) != features->end();
}

// Builds the checkpoint's Parquet bytes in memory (a checkpoint holds one
// row per live file: small next to the data). `stats` receives the counts
// for _last_checkpoint.
Result<BufferPtr> BuildCheckpoint(const Snapshot& snapshot, int64_t min_tombstone_ms, LastCheckpoint* stats) {
  const bool with_domains = !snapshot.domains().empty();
  SLUICE_ASSIGN_OR_RETURN(auto rows, CheckpointBatchBuilder::Make(with_domains));
  auto out = std::make_unique<io::MemoryOutputFile>(snapshot.table_root() + "/_delta_log/<checkpoint>");
  BufferPtr bytes = out->Contents();
  parquet::WriterOptions options;
  options.created_by = "sluice version 0.1.0";
  SLUICE_ASSIGN_OR_RETURN(
      auto writer, parquet::FileWriter::Open(std::move(out), CheckpointSchema(with_domains), std::move(options)));
  auto flush = [&](bool force) -> Status {
    if (rows->num_rows() == 0 || (!force && rows->num_rows() < kBatchRows)) return Status::OK();
    SLUICE_ASSIGN_OR_RETURN(columnar::RecordBatch batch, rows->Finish());
    return writer->Write(batch);
  };
  int64_t actions = 0;
  SLUICE_RETURN_NOT_OK(rows->Append(snapshot.protocol()));
  SLUICE_RETURN_NOT_OK(rows->Append(snapshot.metadata()));
  actions += 2;
  for (const auto& [id, txn] : snapshot.txns()) {
    SLUICE_RETURN_NOT_OK(rows->Append(txn));
    ++actions;
  }
  for (const auto& [name, domain] : snapshot.domains()) {
    SLUICE_RETURN_NOT_OK(rows->Append(domain));
    ++actions;
  }
  for (const Add& a : snapshot.files()) {
    SLUICE_RETURN_NOT_OK(rows->Append(a));
    ++actions;
    SLUICE_RETURN_NOT_OK(flush(false));
  }
  // Tombstones are kept until the retention has passed so that vacuum does
  // not delete files a reader of an older version may still open; Spark
  // drops one whose deletionTimestamp (missing = 0) is not after
  // now - delta.deletedFileRetentionDuration.
  for (const Remove& r : snapshot.tombstones()) {
    if (r.deletion_timestamp.value_or(0) <= min_tombstone_ms) continue;
    SLUICE_RETURN_NOT_OK(rows->Append(r));
    ++actions;
    SLUICE_RETURN_NOT_OK(flush(false));
  }
  SLUICE_RETURN_NOT_OK(flush(true));
  SLUICE_RETURN_NOT_OK(writer->Close());
  stats->version = snapshot.version();
  stats->size = actions;
  stats->size_in_bytes = bytes->size();
  stats->num_of_add_files = static_cast<int64_t>(snapshot.files().size());
  return bytes;
}

// Writes _last_checkpoint unless it already names a newer checkpoint (a
// concurrent writer's; listing stays the authority either way).
Status WriteLastCheckpoint(const io::FileSystem& fs, const std::string& log_dir, const LastCheckpoint& cp) {
  const std::string path = log_dir + "/_last_checkpoint";
  auto existing = fs.ReadAll(path);
  if (existing.ok()) {
    auto hint = ParseLastCheckpoint((*existing)->view(), path);
    if (hint.ok() && hint->version > cp.version) return Status::OK();
  }
  const std::string json = SerializeLastCheckpoint(cp);
  return fs.PutAtomic(path, std::span(reinterpret_cast<const uint8_t*>(json.data()), json.size()));
}

}  // namespace

Status WriteCheckpoint(const Snapshot& snapshot) {
  const std::string& root = snapshot.table_root();
  if (!snapshot.fs()) return Status::Invalid("table {}: snapshot without a file system", root);
  if (snapshot.version() < 0) return Status::Invalid("table {}: cannot checkpoint a snapshot without a version", root);
  const Protocol& p = snapshot.protocol();
  if (Lists(p.reader_features, "v2Checkpoint") || Lists(p.writer_features, "v2Checkpoint")) {
    return Status::NotSupported("table {} uses feature v2Checkpoint; sluice writes classic checkpoints only", root);
  }
  SLUICE_ASSIGN_OR_RETURN(int64_t retention_ms, DeletedFileRetentionMs(snapshot.metadata()));
  LastCheckpoint last;
  auto bytes = BuildCheckpoint(snapshot, WallMillis() - retention_ms, &last);
  if (!bytes.ok()) return bytes.status().WithContext(fmt::format("table {}: checkpoint {}", root, snapshot.version()));
  // The bytes go to a hidden temp file inside _delta_log (".<name>.<pid>...
  // .tmp": no reader takes it for a log file), then rename() makes the whole
  // file appear at once: a crash leaves at worst a stray temp file, never a
  // torn checkpoint. A checkpoint already at this version is replaced by an
  // equivalent one.
  const std::string log_dir = root + "/_delta_log";
  const std::string path = fmt::format("{}/{:020}.checkpoint.parquet", log_dir, snapshot.version());
  Failpoint("delta.checkpoint.before_publish");
  SLUICE_RETURN_NOT_OK(snapshot.fs()->PutAtomic(
      path, std::span<const uint8_t>((*bytes)->data(), static_cast<size_t>((*bytes)->size()))));
  Failpoint("delta.checkpoint.before_last_checkpoint");
  return WriteLastCheckpoint(*snapshot.fs(), log_dir, last);
}

}  // namespace sluice::delta
