#pragma once
/// The two text encodings of age: unpadded base64 (header stanzas and MAC) and Bech32 (keys).
///
/// Both decoders are strict, as the age spec asks: base64 must be canonical and unpadded, and
/// Bech32 must be all one case with a valid checksum. Errors are values, because a caller
/// decides whether a bad encoding is a malformed header or a mistyped key.
///
///     auto key = DecodeBech32("age1...");  // key->hrp == "age", key->data: 32 bytes

#include <optional>
#include <string>
#include <string_view>

#include "core/archive/byte_stream.hpp"

namespace ferry::archive {

/// Standard base64 (RFC 4648, section 4) without '=' padding.
std::string EncodeBase64(ByteSpan bytes);

/// Decodes canonical unpadded base64; nullopt for any other character, for padding, for a
/// length that is 1 mod 4 or for non-zero unused bits in the last character.
std::optional<Bytes> DecodeBase64(std::string_view text);

/// A decoded Bech32 string.
struct Bech32 {
  std::string hrp;  ///< human-readable part, lower case
  Bytes data;       ///< the payload as 8-bit bytes
};

/// Bech32 (BIP 173, without its length limit) of `data` under `hrp`, in lower case.
std::string EncodeBech32(std::string_view hrp, ByteSpan data);

/// Why a string is not valid Bech32.
enum class Bech32Error {
  kMixedCase,     ///< both upper- and lower-case letters
  kNoSeparator,   ///< no '1', or nothing before it, or fewer than 6 characters after it
  kBadCharacter,  ///< a character outside the Bech32 alphabet or printable ASCII
  kBadChecksum,   ///< the checksum does not match (a typo or a truncated key)
  kBadPadding,    ///< the 5-bit groups do not end on a byte boundary with zero padding
};

/// A short English text for `error`, for messages.
const char* Bech32ErrorText(Bech32Error error);

/// Decodes `text` (all upper or all lower case); the hrp comes back in lower case.
/// On failure returns nullopt and sets `*error`.
std::optional<Bech32> DecodeBech32(std::string_view text, Bech32Error* error);

}  // namespace ferry::archive
