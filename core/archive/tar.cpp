#include "core/archive/tar.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <stdexcept>

#include "core/archive/archive_error.hpp"

namespace ferry::archive {
namespace {

constexpr std::size_t kBlock = 512;
constexpr std::size_t kRecord = 20 * kBlock;
constexpr std::uint64_t kMaxOctalSize = 077777777777ULL;  // 11 octal digits: 8 GiB - 1
constexpr std::uint64_t kMaxMetaData = 64 * 1024;         // pax or GNU long-name data

using Block = std::array<std::uint8_t, kBlock>;

// ustar field offsets and sizes.
struct Field {
  std::size_t offset;
  std::size_t size;
};
constexpr Field kName{0, 100}, kMode{100, 8}, kUid{108, 8}, kGid{116, 8}, kSize{124, 12},
    kMtime{136, 12}, kChecksum{148, 8}, kTypeFlag{156, 1}, kMagic{257, 6}, kVersion{263, 2},
    kPrefix{345, 155};

[[noreturn]] void ThrowTar(const std::string& reason) {
  throw ArchiveError("archive is corrupted: the tar stream " + reason);
}

std::uint64_t Padding(std::uint64_t size) { return (kBlock - size % kBlock) % kBlock; }

void PutText(Block& block, Field field, std::string_view text) {
  std::memcpy(block.data() + field.offset, text.data(), std::min(text.size(), field.size));
}

/// An octal number filling the field but its last byte, which stays NUL.
void PutOctal(Block& block, Field field, std::uint64_t value) {
  for (std::size_t idx = field.size - 1; idx-- > 0; value >>= 3) {
    block[field.offset + idx] = static_cast<std::uint8_t>('0' + (value & 7));
  }
}

std::uint64_t Checksum(const Block& block) {
  std::uint64_t sum = 0;
  for (std::size_t idx = 0; idx < kBlock; ++idx) {
    bool in_field = idx >= kChecksum.offset && idx < kChecksum.offset + kChecksum.size;
    sum += in_field ? std::uint64_t{' '} : block[idx];
  }
  return sum;
}

Block MakeHeader(std::string_view name, std::uint64_t size, std::int64_t mtime, unsigned mode,
                 char type) {
  Block block{};
  PutText(block, kName, name);
  PutOctal(block, kMode, mode & 07777);
  PutOctal(block, kUid, 0);
  PutOctal(block, kGid, 0);
  PutOctal(block, kSize, size);
  PutOctal(block, kMtime, static_cast<std::uint64_t>(std::max<std::int64_t>(mtime, 0)));
  block[kTypeFlag.offset] = static_cast<std::uint8_t>(type);
  PutText(block, kMagic, std::string_view("ustar\0", 6));
  PutText(block, kVersion, "00");
  std::uint64_t sum = Checksum(block);
  PutOctal(block, Field{kChecksum.offset, 7}, sum);  // six digits, NUL, then a space
  block[kChecksum.offset + 7] = ' ';
  return block;
}

/// One pax record, "LEN key=value\n", where LEN counts its own digits.
std::string PaxRecord(const std::string& key, const std::string& value) {
  std::size_t body = key.size() + value.size() + 3;  // ' ', '=', '\n'
  std::size_t length = body + std::to_string(body).size();
  if (std::to_string(length).size() != std::to_string(body).size()) ++length;
  return std::to_string(length) + " " + key + "=" + value + "\n";
}

std::string FieldText(const Block& block, Field field) {
  const char* start = reinterpret_cast<const char*>(block.data() + field.offset);
  return std::string(start, strnlen(start, field.size));
}

/// An octal field, or GNU's base-256 form (first byte 0x80) for big numbers.
std::uint64_t ParseNumber(const Block& block, Field field) {
  const std::uint8_t* bytes = block.data() + field.offset;
  std::uint64_t value = 0;
  if (bytes[0] & 0x80) {
    for (std::size_t idx = 1; idx < field.size; ++idx) value = (value << 8) | bytes[idx];
    return value;
  }
  std::size_t idx = 0;
  while (idx < field.size && bytes[idx] == ' ') ++idx;
  for (; idx < field.size && bytes[idx] >= '0' && bytes[idx] <= '7'; ++idx)
    value = (value << 3) | (bytes[idx] - '0');
  if (idx < field.size && bytes[idx] != 0 && bytes[idx] != ' ')
    ThrowTar("has a bad number in a header");
  return value;
}

bool IsZero(const Block& block) {
  return std::all_of(block.begin(), block.end(), [](std::uint8_t byte) { return byte == 0; });
}

void CheckHeader(const Block& block) {
  if (ParseNumber(block, kChecksum) != Checksum(block))
    ThrowTar("has a header with a bad checksum");
  std::string magic = FieldText(block, Field{kMagic.offset, 5});
  if (magic != "ustar") ThrowTar("is not in ustar format");
}

/// What pax and GNU long-name entries say about the entry after them.
struct PendingMeta {
  std::optional<std::string> name;
  std::optional<std::uint64_t> size;
};

/// Applies the "path" and "size" records of pax data to `meta`.
void ApplyPax(const std::string& data, PendingMeta* meta) {
  std::size_t at = 0;
  while (at < data.size()) {
    std::size_t space = data.find(' ', at);
    std::size_t length =
        space == std::string::npos ? 0 : std::strtoull(data.c_str() + at, nullptr, 10);
    if (length == 0 || at + length > data.size() || space >= at + length ||
        data[at + length - 1] != '\n') {
      ThrowTar("has a bad pax header");
    }
    std::string record = data.substr(space + 1, at + length - space - 2);
    std::size_t equals = record.find('=');
    if (equals == std::string::npos) ThrowTar("has a bad pax header");
    std::string key = record.substr(0, equals);
    if (key == "path") meta->name = record.substr(equals + 1);
    if (key == "size") meta->size = std::strtoull(record.c_str() + equals + 1, nullptr, 10);
    at += length;
  }
}

TarEntry::Type TypeOf(char flag) {
  if (flag == '0' || flag == '\0' || flag == '7') return TarEntry::Type::kFile;
  if (flag == '5') return TarEntry::Type::kDirectory;
  return TarEntry::Type::kOther;
}

TarEntry EntryFromHeader(const Block& block, const PendingMeta& meta) {
  TarEntry entry;
  entry.name = FieldText(block, kName);
  std::string prefix = FieldText(block, kPrefix);
  if (!prefix.empty() && block[kVersion.offset] == '0') entry.name = prefix + "/" + entry.name;
  entry.size = ParseNumber(block, kSize);
  entry.mtime = static_cast<std::int64_t>(ParseNumber(block, kMtime));
  entry.mode = static_cast<unsigned>(ParseNumber(block, kMode)) & 07777;
  entry.type = TypeOf(static_cast<char>(block[kTypeFlag.offset]));
  if (meta.name) entry.name = *meta.name;
  if (meta.size) entry.size = *meta.size;
  if (entry.type != TarEntry::Type::kFile) entry.size = 0;
  return entry;
}

}  // namespace

void TarWriter::BeginEntry(const TarEntry& entry) {
  if (in_entry_) throw std::logic_error("TarWriter::BeginEntry inside an entry");
  if (entry.name.size() > kName.size || entry.size > kMaxOctalSize) {
    std::string pax;
    if (entry.name.size() > kName.size) pax += PaxRecord("path", entry.name);
    if (entry.size > kMaxOctalSize) pax += PaxRecord("size", std::to_string(entry.size));
    Block header =
        MakeHeader("PaxHeaders/" + entry.name.substr(0, 80), pax.size(), entry.mtime, 0600, 'x');
    WriteBlock(header.data());
    in_entry_ = true;
    entry_size_ = remaining_ = pax.size();
    WriteData(AsBytes(pax));
    EndEntry();
  }
  Block header =
      MakeHeader(entry.name, std::min(entry.size, kMaxOctalSize), entry.mtime, entry.mode, '0');
  WriteBlock(header.data());
  in_entry_ = true;
  entry_size_ = remaining_ = entry.size;
}

void TarWriter::WriteData(ByteSpan bytes) {
  if (!in_entry_ || bytes.size() > remaining_)
    throw std::logic_error("TarWriter::WriteData past the entry's size");
  out_.Write(bytes);
  remaining_ -= bytes.size();
}

void TarWriter::EndEntry() {
  if (!in_entry_ || remaining_ != 0) throw std::logic_error("TarWriter::EndEntry before all data");
  Block zero{};
  out_.Write(ByteSpan(zero.data(), Padding(entry_size_)));
  written_ += entry_size_ + Padding(entry_size_);
  in_entry_ = false;
}

void TarWriter::Finish() {
  if (in_entry_) throw std::logic_error("TarWriter::Finish inside an entry");
  Block zero{};
  WriteBlock(zero.data());
  WriteBlock(zero.data());
  while (written_ % kRecord != 0) WriteBlock(zero.data());
}

void TarWriter::WriteBlock(const std::uint8_t* block) {
  out_.Write(ByteSpan(block, kBlock));
  written_ += kBlock;
}

std::optional<TarEntry> TarReader::Next() {
  Skip(remaining_ + padding_);
  remaining_ = padding_ = 0;
  PendingMeta meta;
  Block block{};
  while (true) {
    if (!ReadBlock(block.data())) ThrowTar("ends without an end-of-archive marker");
    if (IsZero(block)) {
      Drain();  // the rest is padding; reading it lets the layers below check their end
      return std::nullopt;
    }
    CheckHeader(block);
    char flag = static_cast<char>(block[kTypeFlag.offset]);
    if (flag == 'x' || flag == 'g' || flag == 'L') {
      std::string data = ReadSmallData(ParseNumber(block, kSize));
      if (flag == 'x') ApplyPax(data, &meta);
      if (flag == 'L') meta.name = data.substr(0, strnlen(data.c_str(), data.size()));
      continue;
    }
    TarEntry entry = EntryFromHeader(block, meta);
    remaining_ = entry.size;
    padding_ = Padding(entry.size);
    return entry;
  }
}

std::size_t TarReader::ReadData(MutableByteSpan out) {
  std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(out.size(), remaining_));
  if (want == 0) return 0;
  std::size_t got = ReadFull(in_, out.first(want));
  if (got < want) ThrowTar("ends inside an entry");
  remaining_ -= got;
  return got;
}

bool TarReader::ReadBlock(std::uint8_t* block) {
  std::size_t got = ReadFull(in_, MutableByteSpan(block, kBlock));
  if (got != 0 && got != kBlock) ThrowTar("ends inside a header");
  return got == kBlock;
}

void TarReader::Skip(std::uint64_t size) {
  std::array<std::uint8_t, 64 * 1024> scratch;
  while (size > 0) {
    std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(size, scratch.size()));
    std::size_t got = ReadFull(in_, MutableByteSpan(scratch.data(), want));
    if (got < want) ThrowTar("ends inside an entry");
    size -= got;
  }
}

void TarReader::Drain() {
  std::array<std::uint8_t, 64 * 1024> scratch;
  while (in_.Read(scratch) > 0) {
  }
}

std::string TarReader::ReadSmallData(std::uint64_t size) {
  if (size > kMaxMetaData) ThrowTar("has a pax or long-name header over 64 KiB");
  std::string data(static_cast<std::size_t>(size), '\0');
  if (ReadFull(in_, MutableByteSpan(reinterpret_cast<std::uint8_t*>(data.data()), data.size())) !=
      size) {
    ThrowTar("ends inside an entry");
  }
  Skip(Padding(size));
  return data;
}

}  // namespace ferry::archive
