#include "core/archive/encoding.hpp"

#include <array>
#include <cctype>
#include <cstdint>

namespace ferry::archive {
namespace {

constexpr char kBase64Alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char kBech32Alphabet[] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

int Base64Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

int Bech32Value(char c) {
  for (int value = 0; value < 32; ++value) {
    if (kBech32Alphabet[value] == c) return value;
  }
  return -1;
}

std::uint32_t Bech32Polymod(const std::vector<std::uint8_t>& values) {
  constexpr std::array<std::uint32_t, 5> kGenerator = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa,
                                                       0x3d4233dd, 0x2a1462b3};
  std::uint32_t checksum = 1;
  for (std::uint8_t value : values) {
    std::uint32_t top = checksum >> 25;
    checksum = ((checksum & 0x1ffffff) << 5) ^ value;
    for (std::size_t bit = 0; bit < 5; ++bit) {
      if ((top >> bit) & 1) checksum ^= kGenerator[bit];
    }
  }
  return checksum;
}

/// The hrp expanded as BIP 173 feeds it to the checksum.
std::vector<std::uint8_t> ExpandHrp(std::string_view hrp) {
  std::vector<std::uint8_t> values;
  for (char c : hrp)
    values.push_back(static_cast<std::uint8_t>(static_cast<unsigned char>(c) >> 5));
  values.push_back(0);
  for (char c : hrp) values.push_back(static_cast<std::uint8_t>(c & 31));
  return values;
}

/// Regroups bits; with `pad` false, leftover bits must be fewer than `from` and all zero.
bool ConvertBits(ByteSpan in, unsigned from, unsigned to, bool pad, Bytes* out) {
  std::uint32_t accumulator = 0;
  unsigned bits = 0;
  const std::uint32_t mask = (1u << to) - 1;
  for (std::uint8_t value : in) {
    accumulator = (accumulator << from) | value;
    bits += from;
    while (bits >= to) {
      bits -= to;
      out->push_back(static_cast<std::uint8_t>((accumulator >> bits) & mask));
    }
  }
  if (pad) {
    if (bits > 0) out->push_back(static_cast<std::uint8_t>((accumulator << (to - bits)) & mask));
    return true;
  }
  return bits < from && ((accumulator << (to - bits)) & mask) == 0;
}

bool HasMixedCase(std::string_view text) {
  bool lower = false;
  bool upper = false;
  for (char c : text) {
    lower = lower || (c >= 'a' && c <= 'z');
    upper = upper || (c >= 'A' && c <= 'Z');
  }
  return lower && upper;
}

}  // namespace

std::string EncodeBase64(ByteSpan bytes) {
  std::string text;
  text.reserve((bytes.size() * 4 + 2) / 3);
  std::uint32_t accumulator = 0;
  unsigned bits = 0;
  for (std::uint8_t byte : bytes) {
    accumulator = (accumulator << 8) | byte;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      text.push_back(kBase64Alphabet[(accumulator >> bits) & 63]);
    }
  }
  if (bits > 0) text.push_back(kBase64Alphabet[(accumulator << (6 - bits)) & 63]);
  return text;
}

std::optional<Bytes> DecodeBase64(std::string_view text) {
  if (text.size() % 4 == 1) return std::nullopt;
  Bytes bytes;
  bytes.reserve(text.size() * 3 / 4);
  std::uint32_t accumulator = 0;
  unsigned bits = 0;
  for (char c : text) {
    int value = Base64Value(c);
    if (value < 0) return std::nullopt;
    accumulator = (accumulator << 6) | static_cast<std::uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push_back(static_cast<std::uint8_t>((accumulator >> bits) & 0xff));
    }
  }
  if ((accumulator & ((1u << bits) - 1)) != 0) return std::nullopt;  // not canonical
  return bytes;
}

std::string EncodeBech32(std::string_view hrp, ByteSpan data) {
  Bytes values;
  ConvertBits(data, 8, 5, true, &values);
  std::vector<std::uint8_t> checked = ExpandHrp(hrp);
  checked.insert(checked.end(), values.begin(), values.end());
  checked.insert(checked.end(), 6, 0);
  std::uint32_t checksum = Bech32Polymod(checked) ^ 1;
  std::string text(hrp);
  text.push_back('1');
  for (std::uint8_t value : values) text.push_back(kBech32Alphabet[value]);
  for (unsigned index = 0; index < 6; ++index) {
    text.push_back(kBech32Alphabet[(checksum >> (5 * (5 - index))) & 31]);
  }
  return text;
}

const char* Bech32ErrorText(Bech32Error error) {
  switch (error) {
    case Bech32Error::kMixedCase:
      return "it mixes upper- and lower-case letters";
    case Bech32Error::kNoSeparator:
      return "it has no Bech32 separator '1' and checksum";
    case Bech32Error::kBadCharacter:
      return "it has a character outside the Bech32 alphabet";
    case Bech32Error::kBadChecksum:
      return "its Bech32 checksum does not match (a typo?)";
    case Bech32Error::kBadPadding:
      return "its Bech32 data has bad padding";
  }
  return "it is not valid Bech32";
}

std::optional<Bech32> DecodeBech32(std::string_view text, Bech32Error* error) {
  if (HasMixedCase(text)) return *error = Bech32Error::kMixedCase, std::nullopt;
  std::size_t separator = text.rfind('1');
  if (separator == std::string_view::npos || separator == 0 || separator + 7 > text.size()) {
    return *error = Bech32Error::kNoSeparator, std::nullopt;
  }
  Bech32 decoded;
  for (char c : text.substr(0, separator)) {
    if (c < 33 || c > 126) return *error = Bech32Error::kBadCharacter, std::nullopt;
    decoded.hrp.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  std::vector<std::uint8_t> checked = ExpandHrp(decoded.hrp);
  Bytes values;
  for (char c : text.substr(separator + 1)) {
    int value = Bech32Value(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    if (value < 0) return *error = Bech32Error::kBadCharacter, std::nullopt;
    values.push_back(static_cast<std::uint8_t>(value));
  }
  checked.insert(checked.end(), values.begin(), values.end());
  if (Bech32Polymod(checked) != 1) return *error = Bech32Error::kBadChecksum, std::nullopt;
  values.resize(values.size() - 6);
  if (!ConvertBits(values, 5, 8, false, &decoded.data)) {
    return *error = Bech32Error::kBadPadding, std::nullopt;
  }
  return decoded;
}

}  // namespace ferry::archive
