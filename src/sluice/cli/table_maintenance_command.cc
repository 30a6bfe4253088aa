// `sluice table checkpoint|restore|vacuum|optimize`: maintain Delta tables.
#include <cstdio>
#include <memory>
#include <string>

#include "sluice/cli/commands.h"
#include "sluice/cli/report.h"
#include "sluice/cli/table_util.h"
#include "sluice/delta/checkpoint/checkpoint_writer.h"
#include "sluice/delta/maintenance/maintenance.h"
#include "sluice/delta/snapshot/snapshot.h"
#include "sluice/expr/parse.h"
#include "sluice/io/filesystem.h"

namespace sluice::cli {
namespace {

struct MaintenanceArgs {
  std::string table;
  std::optional<int64_t> version;
  std::string timestamp;
  std::optional<double> retention_hours;
  bool dry_run = false;
  bool force = false;
  std::string where;
  std::optional<int64_t> target_mb;
};

// Writes a classic checkpoint of the latest version and prints that version.
Status RunCheckpoint(const MaintenanceArgs& a) {
  const std::string root = TableRoot(a.table);
  SLUICE_ASSIGN_OR_RETURN(auto snapshot, delta::LoadSnapshot(io::LocalFileSystem(), root));
  SLUICE_RETURN_NOT_OK(delta::WriteCheckpoint(*snapshot));
  std::printf("%lld\n", static_cast<long long>(snapshot->version()));
  return Status::OK();
}

Status RunRestore(const MaintenanceArgs& a) {
  delta::VersionSpec spec;
  if (a.version.has_value() == !a.timestamp.empty())
    return Status::Invalid("give exactly one of --version and --timestamp");
  spec.version = a.version;
  if (!a.timestamp.empty()) {
    SLUICE_ASSIGN_OR_RETURN(spec.timestamp_ms, ParseTimestampArg(a.timestamp));
  }
  SLUICE_ASSIGN_OR_RETURN(auto r, delta::RestoreTable(io::LocalFileSystem(), TableRoot(a.table), spec));
  std::printf("{\"version\":%lld,\"restored_version\":%lld,\"files_added\":%lld,\"files_removed\":%lld}\n",
              static_cast<long long>(r.commit.version), static_cast<long long>(r.restored_version),
              static_cast<long long>(r.files_added), static_cast<long long>(r.files_removed));
  return Status::OK();
}

Status RunVacuum(const MaintenanceArgs& a) {
  delta::VacuumOptions o;
  if (a.retention_hours) o.retention_ms = static_cast<int64_t>(*a.retention_hours * 3600.0 * 1000.0);
  o.dry_run = a.dry_run;
  o.force = a.force;
  SLUICE_ASSIGN_OR_RETURN(auto r, delta::VacuumTable(io::LocalFileSystem(), TableRoot(a.table), o));
  for (const auto& f : r.files) std::printf("%s%s\n", a.dry_run ? "would delete " : "deleted ", f.c_str());
  std::printf("{\"dry_run\":%s,\"files\":%zu,\"bytes\":%lld}\n", a.dry_run ? "true" : "false", r.files.size(),
              static_cast<long long>(r.bytes));
  return Status::OK();
}

Status RunOptimize(const MaintenanceArgs& a) {
  delta::OptimizeOptions o;
  if (!a.where.empty()) {
    SLUICE_ASSIGN_OR_RETURN(o.partition_filter, expr::ParseExpr(a.where));
  }
  if (a.target_mb) {
    if (*a.target_mb <= 0) return Status::Invalid("--target-mb must be positive");
    o.target_file_bytes = *a.target_mb << 20;
  }
  SLUICE_ASSIGN_OR_RETURN(auto r, delta::OptimizeTable(io::LocalFileSystem(), TableRoot(a.table), o));
  std::printf(
      "{\"version\":%lld,\"files_removed\":%lld,\"files_added\":%lld,\"bytes_removed\":%lld,\"bytes_added\":%lld}\n",
      static_cast<long long>(r.commit.version), static_cast<long long>(r.files_removed),
      static_cast<long long>(r.files_added), static_cast<long long>(r.bytes_removed),
      static_cast<long long>(r.bytes_added));
  return Status::OK();
}

}  // namespace

void AddTableMaintenanceCommands(CLI::App* table, int* exit_code) {
  auto run = [exit_code](std::shared_ptr<MaintenanceArgs> args, Status (*fn)(const MaintenanceArgs&)) {
    return [=] { *exit_code = Report(NameTable(fn(*args), TableRoot(args->table))); };
  };

  auto* checkpoint =
      table->add_subcommand("checkpoint", "Write a checkpoint of the latest version (prints the version)");
  auto checkpoint_args = std::make_shared<MaintenanceArgs>();
  checkpoint->add_option("TABLE", checkpoint_args->table, "Delta table directory")->required();
  checkpoint->callback(run(checkpoint_args, RunCheckpoint));

  auto* restore = table->add_subcommand("restore", "Roll the table back (or forward) to a version, in a new commit");
  auto restore_args = std::make_shared<MaintenanceArgs>();
  restore->add_option("TABLE", restore_args->table, "Table directory")->required();
  restore->add_option("--version", restore_args->version, "Restore the content of this version");
  restore->add_option("--timestamp", restore_args->timestamp,
                      "Restore the version current at T (ms since the epoch or YYYY-MM-DD[ HH:MM:SS])");
  restore->callback(run(restore_args, RunRestore));

  auto* vacuum = table->add_subcommand("vacuum", "Delete data files no version within the retention period uses");
  auto vacuum_args = std::make_shared<MaintenanceArgs>();
  vacuum->add_option("TABLE", vacuum_args->table, "Table directory")->required();
  vacuum->add_option("--retention-hours", vacuum_args->retention_hours,
                     "Keep files removed less than this long ago (default: the table's, 168 hours)");
  vacuum->add_flag("--dry-run", vacuum_args->dry_run, "Only list the files that would be deleted");
  vacuum->add_flag("--force", vacuum_args->force, "Allow a retention shorter than the table's");
  vacuum->callback(run(vacuum_args, RunVacuum));

  auto* optimize = table->add_subcommand("optimize", "Compact small files into larger ones (dataChange=false)");
  auto optimize_args = std::make_shared<MaintenanceArgs>();
  optimize->add_option("TABLE", optimize_args->table, "Table directory")->required();
  optimize->add_option("--where", optimize_args->where, "Only partitions matching this predicate");
  optimize->add_option("--target-mb", optimize_args->target_mb,
                       "Target file size in MiB (default: delta.targetFileSize, else 128)");
  optimize->callback(run(optimize_args, RunOptimize));
}

}  // namespace sluice::cli
