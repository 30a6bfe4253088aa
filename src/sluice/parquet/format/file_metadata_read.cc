// Readers for FileMetaData and the structs it holds (row groups, column chunks).
#include "sluice/parquet/format/metadata_codec.h"
#include "sluice/parquet/format/struct_io.h"

namespace sluice::parquet::format {

Status ReadStruct(CompactReader* r, KeyValue* out) {
  FieldSet seen;
  SLUICE_RETURN_NOT_OK(ReadFields(r, [&](const FieldHeader& f) -> Status {
    switch (f.id) {
      case 1:
        return ReadField(r, f, &out->key, &seen);
      case 2:
        return ReadField(r, f, &out->value, &seen);
      default:
        return r->Skip(f.type);
    }
  }));
  return seen.Require(*r, "KeyValue", {{1, "key"}});
}

Status ReadStruct(CompactReader* r, SortingColumn* out) {
  FieldSet seen;
  SLUICE_RETURN_NOT_OK(ReadFields(r, [&](const FieldHeader& f) -> Status {
    switch (f.id) {
      case 1:
        return ReadField(r, f, &out->column_idx, &seen);
      case 2:
        return ReadField(r, f, &out->descending, &seen);
      case 3:
        return ReadField(r, f, &out->nulls_first, &seen);
      default:
        return r->Skip(f.type);
    }
  }));
  return seen.Require(*r, "SortingColumn", {{1, "column_idx"}, {2, "descending"}, {3, "nulls_first"}});
}

Status ReadStruct(CompactReader* r, PageEncodingStats* out) {
  FieldSet seen;
  SLUICE_RETURN_NOT_OK(ReadFields(r, [&](const FieldHeader& f) -> Status {
    switch (f.id) {
      case 1:
        return ReadField(r, f, &out->page_type, &seen);
      case 2:
        return ReadField(r, f, &out->encoding, &seen);
      case 3:
        return ReadField(r, f, &out->count, &seen);
      default:
        return r->Skip(f.type);
    }
  }));
  return seen.Require(*r, "PageEncodingStats", {{1, "page_type"}, {2, "encoding"}, {3, "count"}});
}

Status ReadStruct(CompactReader* r, ColumnMetaData* out) {
  FieldSet seen;
  SLUICE_RETURN_NOT_OK(ReadFields(r, [&](const FieldHeader& f) -> Status {
    switch (f.id) {
      case 1:
        return ReadField(r, f, &out->type, &seen);
      case 2:
        return ReadField(r, f, &out->encodings, &seen);
      case 3:
        return ReadField(r, f, &out->path_in_schema, &seen);
      case 4:
        return ReadField(r, f, &out->codec, &seen);
      case 5:
        return ReadField(r, f, &out->num_values, &seen);
      case 6:
        return ReadField(r, f, &out->total_uncompressed_size, &seen);
      case 7:
        return ReadField(r, f, &out->total_compressed_size, &seen);
      case 8:
        return ReadField(r, f, &out->key_value_metadata, &seen);
      case 9:
        return ReadField(r, f, &out->data_page_offset, &seen);
      case 10:
        return ReadField(r, f, &out->index_page_offset, &seen);
      case 11:
        return ReadField(r, f, &out->dictionary_page_offset, &seen);
      case 12:
        return ReadField(r, f, &out->statistics, &seen);
      case 13:
        return ReadField(r, f, &out->encoding_stats, &seen);
      case 14:
        return ReadField(r, f, &out->bloom_filter_offset, &seen);
      case 15:
        return ReadField(r, f, &out->bloom_filter_length, &seen);
      case 16:
        return ReadField(r, f, &out->size_statistics, &seen);
      case 17:
        return ReadField(r, f, &out->geospatial_statistics, &seen);
      default:
        return r->Skip(f.type);
    }
  }));
  return seen.Require(*r, "ColumnMetaData",
                      {{1, "type"},
                       {2, "encodings"},
                       {3, "path_in_schema"},
                       {4, "codec"},
                       {5, "num_values"},
                       {6, "total_uncompressed_size"},
                       {7, "total_compressed_size"},
                       {9, "data_page_offset"}});
}

Status ReadStruct(CompactReader* r, ColumnChunk* out) {
  FieldSet seen;
  SLUICE_RETURN_NOT_OK(ReadFields(r, [&](const FieldHeader& f) -> Status {
    switch (f.id) {
      case 1:
        return ReadField(r, f, &out->file_path, &seen);
      case 2:
        return ReadField(r, f, &out->file_offset, &seen);
      case 3:
        return ReadField(r, f, &out->meta_data, &seen);
      case 4:
        return ReadField(r, f, &out->offset_index_offset, &seen);
      case 5:
        return ReadField(r, f, &out->offset_index_length, &seen);
      case 6:
        return ReadField(r, f, &out->column_index_offset, &seen);
      case 7:
        return ReadField(r, f, &out->column_index_length, &seen);
      case 9:
        return ReadField(r, f, &out->encrypted_column_metadata, &seen);
      default:
        return r->Skip(f.type);  // 8: crypto_metadata is not modelled
    }
  }));
  return seen.Require(*r, "ColumnChunk", {{2, "file_offset"}});
}

Status ReadStruct(CompactReader* r, RowGroup* out) {
  FieldSet seen;
  SLUICE_RETURN_NOT_OK(ReadFields(r, [&](const FieldHeader& f) -> Status {
    switch (f.id) {
      case 1:
        return ReadField(r, f, &out->columns, &seen);
      case 2:
        return ReadField(r, f, &out->total_byte_size, &seen);
      case 3:
        return ReadField(r, f, &out->num_rows, &seen);
      case 4:
        return ReadField(r, f, &out->sorting_columns, &seen);
      case 5:
        return ReadField(r, f, &out->file_offset, &seen);
      case 6:
        return ReadField(r, f, &out->total_compressed_size, &seen);
      case 7:
        return ReadField(r, f, &out->ordinal, &seen);
      default:
        return r->Skip(f.type);
    }
  }));
  return seen.Require(*r, "RowGroup", {{1, "columns"}, {2, "total_byte_size"}, {3, "num_rows"}});
}

Status ReadStruct(CompactReader* r, ColumnOrder* out) {
  using Kind = ColumnOrder::Kind;
  // A union of empty structs; an unknown member leaves kUnknown (min/max must then be ignored).
  out->kind = Kind::kUnknown;
  return ReadFields(r, [&](const FieldHeader& f) -> Status {
    if (f.type == CompactType::kStruct && out->kind == Kind::kUnknown) {
      if (f.id == 1) out->kind = Kind::kTypeOrder;
      if (f.id == 2) out->kind = Kind::kIeee754TotalOrder;
      if (f.id == 3) out->kind = Kind::kInt96TimestampOrder;
    }
    return r->Skip(f.type);
  });
}

Status ReadStruct(CompactReader* r, FileMetaData* out) {
  FieldSet seen;
  SLUICE_RETURN_NOT_OK(ReadFields(r, [&](const FieldHeader& f) -> Status {
    switch (f.id) {
      case 1:
        return ReadField(r, f, &out->version, &seen);
      case 2:
        return ReadField(r, f, &out->schema, &seen);
      case 3:
        return ReadField(r, f, &out->num_rows, &seen);
      case 4:
        return ReadField(r, f, &out->row_groups, &seen);
      case 5:
        return ReadField(r, f, &out->key_value_metadata, &seen);
      case 6:
        return ReadField(r, f, &out->created_by, &seen);
      case 7:
        return ReadField(r, f, &out->column_orders, &seen);
      case 9:
        return ReadField(r, f, &out->footer_signing_key_metadata, &seen);
      default:
        return r->Skip(f.type);  // 8: encryption_algorithm is not modelled
    }
  }));
  return seen.Require(*r, "FileMetaData", {{1, "version"}, {2, "schema"}, {3, "num_rows"}, {4, "row_groups"}});
}

Result<FileMetaData> DeserializeFileMetaData(std::span<const uint8_t> bytes) {
  CompactReader r(bytes.data(), static_cast<int64_t>(bytes.size()));
  FileMetaData out;
  SLUICE_RETURN_NOT_OK(ReadStruct(&r, &out));
  return out;
}

}  // namespace sluice::parquet::format
