#include "sluice/delta/read/deletion_vector.h"

#include <roaring/roaring.h>

#include <array>
#include <cstring>

#include "sluice/delta/protocol/path_uri.h"
#include "sluice/parquet/compression/crc32.h"

namespace sluice::delta {
namespace {

constexpr std::string_view kZ85Alphabet =
    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";
constexpr uint32_t kPortableMagic = 1681511377;  // PROTOCOL.md "Deletion Vector Format"
// Delta's older "native" layout (PROTOCOL.md inline example 3): big-endian
// magic and bitmap count, then per bucket (key = index) a big-endian size and
// a portable 32-bit roaring bitmap. Tested in deletion_vector_test.cc.
constexpr uint32_t kNativeMagic = 1681511376;
constexpr size_t kUuidZ85Chars = 20;  // 16 bytes of UUID in Z85

std::array<int8_t, 256> MakeZ85Table() {
  std::array<int8_t, 256> t{};
  t.fill(-1);
  for (size_t i = 0; i < kZ85Alphabet.size(); ++i) t[static_cast<uint8_t>(kZ85Alphabet[i])] = static_cast<int8_t>(i);
  return t;
}

uint32_t LoadLE32(const uint8_t* p) { return p[0] | (p[1] << 8) | (p[2] << 16) | (static_cast<uint32_t>(p[3]) << 24); }
uint32_t LoadBE32(const uint8_t* p) { return (static_cast<uint32_t>(p[0]) << 24) | (p[1] << 16) | (p[2] << 8) | p[3]; }

std::string FormatUuid(const std::vector<uint8_t>& b) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[b[i] >> 4]);
    out.push_back(kHex[b[i] & 15]);
  }
  return out;
}

// Frees a roaring bitmap on scope exit.
struct RoaringDeleter {
  void operator()(roaring_bitmap_t* r) const { roaring_bitmap_free(r); }
};

std::string Describe(const DeletionVectorDescriptor& dv) {
  const std::string_view where = std::string_view(dv.path_or_inline_dv).substr(0, 64);
  if (dv.offset) return fmt::format("deletion vector {}{}@{}", dv.storage_type, where, *dv.offset);
  return fmt::format("deletion vector {}{}", dv.storage_type, where);
}

}  // namespace

Result<std::vector<uint8_t>> Z85Decode(std::string_view text) {
  static const std::array<int8_t, 256> kTable = MakeZ85Table();
  if (text.size() % 5 != 0) return Status::Corrupt("Z85 text of {} characters is not a multiple of 5", text.size());
  std::vector<uint8_t> out;
  out.reserve(text.size() / 5 * 4);
  for (size_t i = 0; i < text.size(); i += 5) {
    uint64_t v = 0;
    for (size_t j = 0; j < 5; ++j) {
      const int8_t d = kTable[static_cast<uint8_t>(text[i + j])];
      if (d < 0) return Status::Corrupt("Z85 text: invalid character at position {}", i + j);
      v = v * 85 + static_cast<uint64_t>(d);
    }
    if (v > 0xFFFFFFFFull) return Status::Corrupt("Z85 text: group at position {} overflows 32 bits", i);
    for (int s = 24; s >= 0; s -= 8) out.push_back(static_cast<uint8_t>(v >> s));
  }
  return out;
}

Result<std::string> DeletionVectorPath(const std::string& table_root, const DeletionVectorDescriptor& dv) {
  if (dv.storage_type == "p") return ResolveDataPath(table_root, dv.path_or_inline_dv);
  if (dv.storage_type != "u") {
    return Status::Invalid("{}: storage type '{}' has no file", Describe(dv), dv.storage_type);
  }
  const std::string& s = dv.path_or_inline_dv;
  if (s.size() < kUuidZ85Chars) return Status::Corrupt("{}: path shorter than a Z85 UUID", Describe(dv));
  const std::string_view prefix = std::string_view(s).substr(0, s.size() - kUuidZ85Chars);
  SLUICE_ASSIGN_OR_RETURN(auto uuid, Z85Decode(std::string_view(s).substr(s.size() - kUuidZ85Chars)));
  for (char c : prefix) {
    if (c == '/' || c == '\\' || c == '.') return Status::Corrupt("{}: bad random prefix", Describe(dv));
  }
  std::string path = table_root;
  if (!path.empty() && path.back() != '/') path.push_back('/');
  if (!prefix.empty()) path.append(prefix).push_back('/');
  path.append("deletion_vector_").append(FormatUuid(uuid)).append(".bin");
  return path;
}

namespace {

// Appends the values of the 32-bit portable roaring bitmap at `bytes`
// (exactly `size` bytes when size > 0, else as long as it says) under high
// key `key`; sets *used to the bytes consumed.
Status AppendBucket(std::span<const uint8_t> bytes, uint32_t key, uint64_t max_rows, size_t* used,
                    std::vector<uint64_t>* positions) {
  const char* p = reinterpret_cast<const char*>(bytes.data());
  const size_t size = roaring_bitmap_portable_deserialize_size(p, bytes.size());
  if (size == 0) return Status::Corrupt("bucket {} is malformed", key);
  std::unique_ptr<roaring_bitmap_t, RoaringDeleter> bitmap(roaring_bitmap_portable_deserialize_safe(p, size));
  if (bitmap == nullptr) return Status::Corrupt("bucket {} is malformed", key);
  *used = size;
  const uint64_t count = roaring_bitmap_get_cardinality(bitmap.get());
  if (count == 0) return Status::OK();
  const uint64_t high = static_cast<uint64_t>(key) << 32;
  if (count > max_rows - positions->size() || high + roaring_bitmap_maximum(bitmap.get()) >= max_rows) {
    return Status::Corrupt("deletes rows beyond the file's {} rows", max_rows);
  }
  const size_t start = positions->size();
  positions->resize(start + count);
  std::vector<uint32_t> low(count);
  roaring_bitmap_to_uint32_array(bitmap.get(), low.data());
  for (uint64_t i = 0; i < count; ++i) (*positions)[start + i] = high | low[i];
  return Status::OK();
}

Result<std::vector<uint64_t>> ParseNative(std::span<const uint8_t> bytes, uint64_t max_rows) {
  const uint32_t num_buckets = LoadBE32(bytes.data() + 4);
  size_t pos = 8;
  if (num_buckets > (bytes.size() - pos) / 12) {
    return Status::Corrupt("deletion vector bitmap: {} buckets do not fit in {} bytes", num_buckets, bytes.size());
  }
  std::vector<uint64_t> positions;
  for (uint32_t b = 0; b < num_buckets; ++b) {
    if (bytes.size() - pos < 4) return Status::Corrupt("deletion vector bitmap: bucket {} truncated at {}", b, pos);
    const uint32_t size = LoadBE32(bytes.data() + pos);
    pos += 4;
    if (size > bytes.size() - pos) return Status::Corrupt("deletion vector bitmap: bucket {} truncated at {}", b, pos);
    size_t used = 0;
    Status st = AppendBucket(bytes.subspan(pos, size), b, max_rows, &used, &positions);
    if (!st.ok()) return st.WithContext(fmt::format("deletion vector bitmap at offset {}", pos));
    pos += size;
  }
  return positions;
}

}  // namespace

Result<std::vector<uint64_t>> ParseRoaringBitmapArray(std::span<const uint8_t> bytes, uint64_t max_rows) {
  if (bytes.size() < 12) return Status::Corrupt("deletion vector bitmap: {} bytes is too short", bytes.size());
  if (LoadBE32(bytes.data()) == kNativeMagic) return ParseNative(bytes, max_rows);
  const uint32_t magic = LoadLE32(bytes.data());
  if (magic != kPortableMagic) {
    return Status::Corrupt("deletion vector bitmap: magic {} (expected {})", magic, kPortableMagic);
  }
  uint64_t num_buckets = 0;
  std::memcpy(&num_buckets, bytes.data() + 4, 8);  // little-endian host (x86-64, aarch64)
  size_t pos = 12;
  // Each bucket needs a 4-byte key and at least an 8-byte roaring header.
  if (num_buckets > (bytes.size() - pos) / 12) {
    return Status::Corrupt("deletion vector bitmap: {} buckets do not fit in {} bytes", num_buckets, bytes.size());
  }
  std::vector<uint64_t> positions;
  int64_t last_key = -1;
  for (uint64_t b = 0; b < num_buckets; ++b) {
    if (bytes.size() - pos < 4) return Status::Corrupt("deletion vector bitmap: bucket {} truncated at {}", b, pos);
    const uint32_t key = LoadLE32(bytes.data() + pos);
    pos += 4;
    if (static_cast<int64_t>(key) <= last_key || key >= 0x80000000u) {
      return Status::Corrupt("deletion vector bitmap: bucket key {} out of order or negative at offset {}", key,
                             pos - 4);
    }
    last_key = key;
    size_t used = 0;
    Status st = AppendBucket(bytes.subspan(pos), key, max_rows, &used, &positions);
    if (!st.ok()) return st.WithContext(fmt::format("deletion vector bitmap at offset {}", pos));
    pos += used;
  }
  return positions;
}

Result<std::vector<uint64_t>> LoadDeletionVector(const io::FileSystem& fs, const std::string& table_root,
                                                 const DeletionVectorDescriptor& dv, uint64_t max_rows) {
  if (dv.size_in_bytes < 0) return Status::Corrupt("{}: negative sizeInBytes", Describe(dv));
  const auto size = static_cast<size_t>(dv.size_in_bytes);
  std::vector<uint64_t> positions;
  if (dv.storage_type == "i") {
    SLUICE_ASSIGN_OR_RETURN(auto bytes, Z85Decode(dv.path_or_inline_dv));
    if (bytes.size() < size) return Status::Corrupt("{}: inline data shorter than sizeInBytes {}", Describe(dv), size);
    auto r = ParseRoaringBitmapArray(std::span<const uint8_t>(bytes.data(), size), max_rows);
    if (!r.ok()) return r.status().WithContext(Describe(dv));
    positions = std::move(*r);
  } else {
    SLUICE_ASSIGN_OR_RETURN(std::string path, DeletionVectorPath(table_root, dv));
    SLUICE_ASSIGN_OR_RETURN(auto file, fs.OpenRead(path));
    // An absent offset means the first DV, right after the version byte.
    const int64_t offset = dv.offset.value_or(1);
    if (file->Size() < 1 || offset < 1 || offset > file->Size() || file->Size() - offset < 8 + dv.size_in_bytes) {
      return Status::Corrupt("{}: file {} of {} bytes cannot hold {} bytes at offset {}", Describe(dv), path,
                             file->Size(), size, offset);
    }
    SLUICE_ASSIGN_OR_RETURN(auto version, file->ReadAt(0, 1));
    if (version->data()[0] != 1) {
      return Status::Corrupt("{}: file {} has format version {} (expected 1)", Describe(dv), path, version->data()[0]);
    }
    SLUICE_ASSIGN_OR_RETURN(auto data, file->ReadAt(offset, 8 + dv.size_in_bytes));
    const uint8_t* p = data->data();
    const uint32_t stored_size = LoadBE32(p);
    if (stored_size != size) {
      return Status::Corrupt("{}: file {} holds {} bytes at offset {} (descriptor says {})", Describe(dv), path,
                             stored_size, offset, size);
    }
    const std::span<const uint8_t> bitmap(p + 4, size);
    const uint32_t crc = LoadBE32(p + 4 + size);
    if (parquet::compression::Crc32(bitmap) != crc) {
      return Status::Corrupt("{}: checksum mismatch in file {} at offset {}", Describe(dv), path, offset);
    }
    auto r = ParseRoaringBitmapArray(bitmap, max_rows);
    if (!r.ok()) return r.status().WithContext(Describe(dv) + " in " + path);
    positions = std::move(*r);
  }
  if (static_cast<int64_t>(positions.size()) != dv.cardinality) {
    return Status::Corrupt("{}: holds {} rows, cardinality says {}", Describe(dv), positions.size(), dv.cardinality);
  }
  return positions;
}

}  // namespace sluice::delta
