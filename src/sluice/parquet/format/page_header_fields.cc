// Field tables, readers and writers for PageHeader and the per-page-type headers it holds.
#include "sluice/parquet/format/field_table.h"
#include "sluice/parquet/format/metadata_codec.h"

namespace sluice::parquet::format {

namespace {

constexpr StructTable kDataPageHeader{
    "DataPageHeader",
    Required(1, "num_values", &DataPageHeader::num_values),
    Required(2, "encoding", &DataPageHeader::encoding),
    Required(3, "definition_level_encoding", &DataPageHeader::definition_level_encoding),
    Required(4, "repetition_level_encoding", &DataPageHeader::repetition_level_encoding),
    Optional(5, "statistics", &DataPageHeader::statistics),
};

constexpr StructTable<IndexPageHeader> kIndexPageHeader{"IndexPageHeader"};

constexpr StructTable kDictionaryPageHeader{
    "DictionaryPageHeader",
    Required(1, "num_values", &DictionaryPageHeader::num_values),
    Required(2, "encoding", &DictionaryPageHeader::encoding),
    Optional(3, "is_sorted", &DictionaryPageHeader::is_sorted),
};

constexpr StructTable kDataPageHeaderV2{
    "DataPageHeaderV2",
    Required(1, "num_values", &DataPageHeaderV2::num_values),
    Required(2, "num_nulls", &DataPageHeaderV2::num_nulls),
    Required(3, "num_rows", &DataPageHeaderV2::num_rows),
    Required(4, "encoding", &DataPageHeaderV2::encoding),
    Required(5, "definition_levels_byte_length", &DataPageHeaderV2::definition_levels_byte_length),
    Required(6, "repetition_levels_byte_length", &DataPageHeaderV2::repetition_levels_byte_length),
    Optional(7, "is_compressed", &DataPageHeaderV2::is_compressed),
    Optional(8, "statistics", &DataPageHeaderV2::statistics),
};

constexpr StructTable kPageHeader{
    "PageHeader",
    Required(1, "type", &PageHeader::type),
    Required(2, "uncompressed_page_size", &PageHeader::uncompressed_page_size),
    Required(3, "compressed_page_size", &PageHeader::compressed_page_size),
    Optional(4, "crc", &PageHeader::crc),
    Optional(5, "data_page_header", &PageHeader::data_page_header),
    Optional(6, "index_page_header", &PageHeader::index_page_header),
    Optional(7, "dictionary_page_header", &PageHeader::dictionary_page_header),
    Optional(8, "data_page_header_v2", &PageHeader::data_page_header_v2),
};

}  // namespace

SLUICE_STRUCT_IO_FROM_TABLE(DataPageHeader, kDataPageHeader)
SLUICE_STRUCT_IO_FROM_TABLE(IndexPageHeader, kIndexPageHeader)
SLUICE_STRUCT_IO_FROM_TABLE(DictionaryPageHeader, kDictionaryPageHeader)
SLUICE_STRUCT_IO_FROM_TABLE(DataPageHeaderV2, kDataPageHeaderV2)
SLUICE_STRUCT_IO_FROM_TABLE(PageHeader, kPageHeader)

Result<PageHeader> DeserializePageHeader(std::span<const uint8_t> bytes, int64_t* header_size) {
  return DeserializeStruct<PageHeader>(bytes, header_size);
}

void Serialize(const PageHeader& v, Buffer* out) { SerializeStruct(v, out); }

}  // namespace sluice::parquet::format
