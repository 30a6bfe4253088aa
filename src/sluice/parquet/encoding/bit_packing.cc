#include "sluice/parquet/encoding/bit_packing.h"

#include <array>
#include <cassert>
#include <cstring>
#include <utility>

#include "sluice/common/bit_util.h"

namespace sluice::parquet::encoding {
namespace {

template <int W>
constexpr uint64_t LowMask() {
  if constexpr (W >= 64) {
    return ~uint64_t{0};
  } else {
    return (uint64_t{1} << W) - 1;
  }
}

// Extracts value I of a group of 8 values of W bits that occupies exactly W
// bytes at `in`. All offsets are compile-time constants, so each value is a
// load, a shift and a mask; loads never leave the group's W bytes.
template <typename T, int W, int I>
inline void UnpackOne(const uint8_t* in, T* out) {
  constexpr int kBit = I * W;
  constexpr int kByte = kBit / 8;
  constexpr int kShift = kBit % 8;
  constexpr int kSpan = (kShift + W + 7) / 8;  // bytes the value touches
  uint64_t word = 0;
  if constexpr (kByte + 8 <= W) {
    std::memcpy(&word, in + kByte, 8);
  } else {
    std::memcpy(&word, in + kByte, kSpan < 8 ? kSpan : 8);
  }
  uint64_t v = word >> kShift;
  if constexpr (kSpan > 8) {
    v |= static_cast<uint64_t>(in[kByte + 8]) << (64 - kShift);
  }
  out[I] = static_cast<T>(v & LowMask<W>());
}

template <typename T, int W, size_t... I>
inline void Unpack8(const uint8_t* in, T* out, std::index_sequence<I...>) {
  (UnpackOne<T, W, static_cast<int>(I)>(in, out), ...);
}

template <typename T, int W>
void UnpackGroups(const uint8_t* in, int64_t groups, T* out) {
  if constexpr (W == 0) {
    std::memset(out, 0, static_cast<size_t>(groups) * 8 * sizeof(T));
  } else {
    for (int64_t g = 0; g < groups; ++g) {
      Unpack8<T, W>(in, out, std::make_index_sequence<8>());
      in += W;
      out += 8;
    }
  }
}

template <typename T>
using UnpackFn = void (*)(const uint8_t*, int64_t, T*);

template <typename T, size_t... W>
constexpr std::array<UnpackFn<T>, sizeof...(W)> MakeTable(std::index_sequence<W...>) {
  return {&UnpackGroups<T, static_cast<int>(W)>...};
}

template <typename T>
constexpr auto kTable = MakeTable<T>(std::make_index_sequence<sizeof(T) * 8 + 1>());

// Unpacks the group of 8 values at `in` of which only `avail` bytes are
// readable (bytes past them read as 0).
template <typename T>
inline void UnpackGroupSafe(const uint8_t* in, int64_t avail, int bit_width, T* out) {
  if (avail >= bit_width) {
    kTable<T>[bit_width](in, 1, out);
  } else {
    uint8_t tmp[64] = {};
    if (avail > 0) std::memcpy(tmp, in, static_cast<size_t>(avail));
    kTable<T>[bit_width](tmp, 1, out);
  }
}

template <typename T>
void UnpackImpl(const uint8_t* in, int bit_width, int64_t count, T* out) {
  assert(bit_width >= 0 && bit_width <= static_cast<int>(sizeof(T) * 8));
  int64_t groups = count / 8;
  kTable<T>[bit_width](in, groups, out);
  int64_t tail = count % 8;
  if (tail > 0) {
    T vals[8];
    UnpackGroupSafe(in + groups * bit_width, bit_util::BytesForBits(tail * bit_width), bit_width, vals);
    std::memcpy(out + groups * 8, vals, static_cast<size_t>(tail) * sizeof(T));
  }
}

template <typename T>
void UnpackRangeImpl(const uint8_t* in, int64_t avail, int bit_width, int64_t start, int64_t count, T* out) {
  assert((start + count) * bit_width <= avail * 8);
  if (count <= 0) return;
  int64_t group = start / 8;
  int off = static_cast<int>(start % 8);
  T vals[8];
  if (off != 0) {
    UnpackGroupSafe(in + group * bit_width, avail - group * bit_width, bit_width, vals);
    int64_t k = 8 - off < count ? 8 - off : count;
    std::memcpy(out, vals + off, static_cast<size_t>(k) * sizeof(T));
    out += k;
    count -= k;
    ++group;
  }
  int64_t whole = count / 8;
  kTable<T>[bit_width](in + group * bit_width, whole, out);
  group += whole;
  out += whole * 8;
  count -= whole * 8;
  if (count > 0) {
    UnpackGroupSafe(in + group * bit_width, avail - group * bit_width, bit_width, vals);
    std::memcpy(out, vals, static_cast<size_t>(count) * sizeof(T));
  }
}

template <typename T>
void PackImpl(const T* in, int64_t count, int bit_width, Buffer* out) {
  assert(bit_width >= 0 && bit_width <= static_cast<int>(sizeof(T) * 8));
  int64_t nbytes = bit_util::BytesForBits(count * bit_width);
  int64_t old = out->size();
  out->Resize(old + nbytes);
  if (bit_width == 0) return;
  uint8_t* p = out->mutable_data() + old;
  const uint64_t mask = bit_width == 64 ? ~uint64_t{0} : (uint64_t{1} << bit_width) - 1;
  unsigned __int128 acc = 0;
  int nbits = 0;
  for (int64_t i = 0; i < count; ++i) {
    acc |= static_cast<unsigned __int128>(static_cast<uint64_t>(in[i]) & mask) << nbits;
    nbits += bit_width;
    if (nbits >= 64) {
      bit_util::StoreLE<uint64_t>(p, static_cast<uint64_t>(acc));
      p += 8;
      acc >>= 64;
      nbits -= 64;
    }
  }
  if (nbits > 0) {
    uint64_t last = static_cast<uint64_t>(acc);
    std::memcpy(p, &last, static_cast<size_t>((nbits + 7) / 8));
  }
}

}  // namespace

void UnpackBits32(const uint8_t* in, int bit_width, int64_t count, uint32_t* out) {
  UnpackImpl(in, bit_width, count, out);
}
void UnpackBits64(const uint8_t* in, int bit_width, int64_t count, uint64_t* out) {
  UnpackImpl(in, bit_width, count, out);
}
void UnpackBits16(const uint8_t* in, int bit_width, int64_t count, uint16_t* out) {
  UnpackImpl(in, bit_width, count, out);
}

void UnpackRange32(const uint8_t* in, int64_t avail_bytes, int bit_width, int64_t start, int64_t count, uint32_t* out) {
  UnpackRangeImpl(in, avail_bytes, bit_width, start, count, out);
}
void UnpackRange64(const uint8_t* in, int64_t avail_bytes, int bit_width, int64_t start, int64_t count, uint64_t* out) {
  UnpackRangeImpl(in, avail_bytes, bit_width, start, count, out);
}
void UnpackRange16(const uint8_t* in, int64_t avail_bytes, int bit_width, int64_t start, int64_t count, uint16_t* out) {
  UnpackRangeImpl(in, avail_bytes, bit_width, start, count, out);
}

void PackBits32(const uint32_t* in, int64_t count, int bit_width, Buffer* out) { PackImpl(in, count, bit_width, out); }
void PackBits64(const uint64_t* in, int64_t count, int bit_width, Buffer* out) { PackImpl(in, count, bit_width, out); }

void UnpackBitsMsb16(const uint8_t* in, int64_t avail_bytes, int bit_width, int64_t start, int64_t count,
                     uint16_t* out) {
  assert(bit_width >= 0 && bit_width <= 16);
  if (bit_width == 0) {
    std::memset(out, 0, static_cast<size_t>(count) * sizeof(uint16_t));
    return;
  }
  assert((start + count) * bit_width <= avail_bytes * 8);
  const int64_t nbytes = avail_bytes;
  const uint32_t mask = (1u << bit_width) - 1;
  for (int64_t i = 0; i < count; ++i) {
    int64_t bit = (start + i) * bit_width;
    int64_t b = bit >> 3;
    int shift = static_cast<int>(bit & 7);
    // A 24-bit big-endian window holds any value of <= 16 bits at shift <= 7.
    uint32_t win = static_cast<uint32_t>(in[b]) << 16;
    if (b + 1 < nbytes) win |= static_cast<uint32_t>(in[b + 1]) << 8;
    if (b + 2 < nbytes) win |= in[b + 2];
    out[i] = static_cast<uint16_t>((win >> (24 - shift - bit_width)) & mask);
  }
}

}  // namespace sluice::parquet::encoding
