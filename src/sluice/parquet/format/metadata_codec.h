#pragma once

#include <cstdint>
#include <span>

#include "sluice/common/buffer.h"
#include "sluice/common/status.h"
#include "sluice/parquet/format/parquet_types.h"

// Thrift compact (de)serialization of the Parquet metadata structs.
// Readers skip unknown fields, accept missing optional fields, and report a
// missing required field or malformed bytes as Corrupt naming struct, field
// and byte offset. Writers write only the fields that are set.
namespace sluice::parquet::format {

// Decodes a FileMetaData from the front of `bytes` (the footer; trailing bytes are ignored).
Result<FileMetaData> DeserializeFileMetaData(std::span<const uint8_t> bytes);
// Decodes one PageHeader from the front of `bytes`; sets *header_size to the bytes it used.
Result<PageHeader> DeserializePageHeader(std::span<const uint8_t> bytes, int64_t* header_size);
// Decodes a ColumnIndex from the front of `bytes`.
Result<ColumnIndex> DeserializeColumnIndex(std::span<const uint8_t> bytes);
// Decodes an OffsetIndex from the front of `bytes`.
Result<OffsetIndex> DeserializeOffsetIndex(std::span<const uint8_t> bytes);

// Appends the compact encoding of `v` to `out`.
void Serialize(const FileMetaData& v, Buffer* out);
void Serialize(const PageHeader& v, Buffer* out);
void Serialize(const ColumnIndex& v, Buffer* out);
void Serialize(const OffsetIndex& v, Buffer* out);

}  // namespace sluice::parquet::format
