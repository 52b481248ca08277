#pragma once
/// age keys and the two native recipient types Ferry supports: X25519 (`age1...` recipients,
/// `AGE-SECRET-KEY-1...` identities, as made by `age-keygen`) and scrypt (a passphrase).
///
/// Key text may be a whole key file: blank lines and `#` comments are skipped, so the
/// contents of an `age-keygen` output or of an `age -R` recipients file can be passed as is.
/// Errors name the value and line, never the key itself (a secret key pasted in the
/// recipients slot must not end up in a log).
///
///     auto recipients =
///     ParseRecipients({"age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"}); Stanza
///     stanza = WrapX25519(file_key, recipients[0]);

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/archive/age_header.hpp"
#include "core/archive/crypto.hpp"

namespace ferry::archive {

/// An X25519 public key: what `age1...` encodes.
using X25519Recipient = std::array<std::uint8_t, 32>;

/// An X25519 secret key with its public key.
struct X25519Identity {
  Key32 secret;               ///< the scalar `AGE-SECRET-KEY-1...` encodes
  X25519Recipient recipient;  ///< X25519(secret, basepoint)
};

/// The recipients in `texts` (each one key or a recipients file). Throws PlanError naming
/// the value and line of the first bad one, or if there are none.
std::vector<X25519Recipient> ParseRecipients(const std::vector<std::string>& texts);

/// The identities in `texts` (each one key or an identity file). Throws PlanError naming the
/// value and line of the first bad one, or if there are none.
std::vector<X25519Identity> ParseIdentities(const std::vector<std::string>& texts);

/// A new random identity as `AGE-SECRET-KEY-1...` text.
std::string GenerateIdentity();

/// The `age1...` recipient of an `AGE-SECRET-KEY-1...` identity; throws PlanError.
std::string RecipientOf(std::string_view identity);

/// An X25519 stanza wrapping `file_key` for `recipient`, with a fresh ephemeral key.
Stanza WrapX25519(const FileKey& file_key, const X25519Recipient& recipient);

/// The file key if `stanza` is an X25519 stanza that `identity` opens; nullopt if it is of
/// another type or for another identity. Throws ArchiveError if it is a malformed X25519
/// stanza.
std::optional<FileKey> UnwrapX25519(const Stanza& stanza, const X25519Identity& identity);

/// An scrypt stanza wrapping `file_key` under `passphrase` with work factor 2^log_n.
Stanza WrapScrypt(const FileKey& file_key, std::string_view passphrase, unsigned log_n);

/// The file key if `passphrase` opens the scrypt `stanza`; nullopt if it does not. Throws
/// ArchiveError if the stanza is malformed or its work factor is above 2^max_log_n.
std::optional<FileKey> UnwrapScrypt(const Stanza& stanza, std::string_view passphrase,
                                    unsigned max_log_n);

}  // namespace ferry::archive
