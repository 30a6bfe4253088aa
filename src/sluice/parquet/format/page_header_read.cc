// Readers for PageHeader and the per-page-type headers it holds.
#include "sluice/parquet/format/metadata_codec.h"
#include "sluice/parquet/format/struct_io.h"

namespace sluice::parquet::format {

Status ReadStruct(CompactReader* r, DataPageHeader* out) {
  FieldSet seen;
  SLUICE_RETURN_NOT_OK(ReadFields(r, [&](const FieldHeader& f) -> Status {
    switch (f.id) {
      case 1:
        return ReadField(r, f, &out->num_values, &seen);
      case 2:
        return ReadField(r, f, &out->encoding, &seen);
      case 3:
        return ReadField(r, f, &out->definition_level_encoding, &seen);
      case 4:
        return ReadField(r, f, &out->repetition_level_encoding, &seen);
      case 5:
        return ReadField(r, f, &out->statistics, &seen);
      default:
        return r->Skip(f.type);
    }
  }));
  return seen.Require(
      *r, "DataPageHeader",
      {{1, "num_values"}, {2, "encoding"}, {3, "definition_level_encoding"}, {4, "repetition_level_encoding"}});
}

Status ReadStruct(CompactReader* r, IndexPageHeader*) {
  return ReadFields(r, [&](const FieldHeader& f) -> Status { return r->Skip(f.type); });
}

Status ReadStruct(CompactReader* r, DictionaryPageHeader* out) {
  FieldSet seen;
  SLUICE_RETURN_NOT_OK(ReadFields(r, [&](const FieldHeader& f) -> Status {
    switch (f.id) {
      case 1:
        return ReadField(r, f, &out->num_values, &seen);
      case 2:
        return ReadField(r, f, &out->encoding, &seen);
      case 3:
        return ReadField(r, f, &out->is_sorted, &seen);
      default:
        return r->Skip(f.type);
    }
  }));
  return seen.Require(*r, "DictionaryPageHeader", {{1, "num_values"}, {2, "encoding"}});
}

Status ReadStruct(CompactReader* r, DataPageHeaderV2* out) {
  FieldSet seen;
  SLUICE_RETURN_NOT_OK(ReadFields(r, [&](const FieldHeader& f) -> Status {
    switch (f.id) {
      case 1:
        return ReadField(r, f, &out->num_values, &seen);
      case 2:
        return ReadField(r, f, &out->num_nulls, &seen);
      case 3:
        return ReadField(r, f, &out->num_rows, &seen);
      case 4:
        return ReadField(r, f, &out->encoding, &seen);
      case 5:
        return ReadField(r, f, &out->definition_levels_byte_length, &seen);
      case 6:
        return ReadField(r, f, &out->repetition_levels_byte_length, &seen);
      case 7:
        return ReadField(r, f, &out->is_compressed, &seen);
      case 8:
        return ReadField(r, f, &out->statistics, &seen);
      default:
        return r->Skip(f.type);
    }
  }));
  return seen.Require(*r, "DataPageHeaderV2",
                      {{1, "num_values"},
                       {2, "num_nulls"},
                       {3, "num_rows"},
                       {4, "encoding"},
                       {5, "definition_levels_byte_length"},
                       {6, "repetition_levels_byte_length"}});
}

Status ReadStruct(CompactReader* r, PageHeader* out) {
  FieldSet seen;
  SLUICE_RETURN_NOT_OK(ReadFields(r, [&](const FieldHeader& f) -> Status {
    switch (f.id) {
      case 1:
        return ReadField(r, f, &out->type, &seen);
      case 2:
        return ReadField(r, f, &out->uncompressed_page_size, &seen);
      case 3:
        return ReadField(r, f, &out->compressed_page_size, &seen);
      case 4:
        return ReadField(r, f, &out->crc, &seen);
      case 5:
        return ReadField(r, f, &out->data_page_header, &seen);
      case 6:
        return ReadField(r, f, &out->index_page_header, &seen);
      case 7:
        return ReadField(r, f, &out->dictionary_page_header, &seen);
      case 8:
        return ReadField(r, f, &out->data_page_header_v2, &seen);
      default:
        return r->Skip(f.type);
    }
  }));
  return seen.Require(*r, "PageHeader", {{1, "type"}, {2, "uncompressed_page_size"}, {3, "compressed_page_size"}});
}

Result<PageHeader> DeserializePageHeader(std::span<const uint8_t> bytes, int64_t* header_size) {
  CompactReader r(bytes.data(), static_cast<int64_t>(bytes.size()));
  PageHeader out;
  SLUICE_RETURN_NOT_OK(ReadStruct(&r, &out));
  *header_size = r.bytes_read();
  return out;
}

}  // namespace sluice::parquet::format
