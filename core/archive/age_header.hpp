#pragma once
/// The text header of an age v1 file (c2sp.org/age): the version line, one or more
/// recipient stanzas, each wrapping the file key for one recipient, and a MAC.
///
///     age-encryption.org/v1
///     -> X25519 XEl0dJ6y3C7KZkgmgWUicg63EyXJiwBJW8PdYJ/cYBE
///     qRS0AMjdjPvZ/WT08U2KL4G+PIooA3hy38SvLpvaC1E
///     --- HK2NmOBN9Dpq0Gw6xMCuhFcQlQLvZ/wQUi/2scLG75s
///
/// Parsing is strict (canonical base64, bodies wrapped at 64 columns, printable arguments),
/// so a header has exactly one encoding and a changed byte is always noticed.

#include <string>
#include <vector>

#include "core/archive/byte_stream.hpp"
#include "core/archive/crypto.hpp"

namespace ferry::archive {

/// The first line of every age v1 file.
inline constexpr char kAgeVersionLine[] = "age-encryption.org/v1";

/// One recipient stanza: `-> args...` and a binary body.
struct Stanza {
  std::vector<std::string> args;  ///< args[0] is the type ("X25519", "scrypt", ...)
  Bytes body;                     ///< the wrapped file key
};

/// A parsed header.
struct AgeHeader {
  std::vector<Stanza> stanzas;  ///< at least one
  Digest mac{};                 ///< the MAC from the `---` line
  std::string mac_input;        ///< the header text the MAC covers (up to and with "---")
};

/// The header text the MAC covers: the version line, the stanzas, and "---".
std::string HeaderMacInput(const std::vector<Stanza>& stanzas);

/// The header MAC: HMAC-SHA-256 of `mac_input` under HKDF(file key, "", "header").
Digest HeaderMac(const FileKey& file_key, std::string_view mac_input);

/// The whole header text for `stanzas` with the MAC under `file_key`, ending in '\n'.
std::string SerializeHeader(const std::vector<Stanza>& stanzas, const FileKey& file_key);

/// Reads a header from `in`, leaving `in` at the first byte of the payload. Throws
/// ArchiveError: "not an age archive: ..." when the version line is wrong, "archive header
/// is malformed: line N: ..." when the syntax is wrong, "archive is truncated: ..." when the
/// file ends inside the header. Checks syntax only; the MAC needs the file key.
AgeHeader ReadHeader(BufferedSource& in);

}  // namespace ferry::archive
