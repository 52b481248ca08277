#include "core/archive/age_keys.hpp"

#include <cctype>
#include <charconv>
#include <functional>

#include "core/archive/archive_error.hpp"
#include "core/archive/encoding.hpp"
#include "core/common/error.hpp"

namespace ferry::archive {
namespace {

constexpr char kX25519Label[] = "age-encryption.org/v1/X25519";
constexpr char kScryptLabel[] = "age-encryption.org/v1/scrypt";
constexpr char kRecipientHrp[] = "age";
constexpr char kIdentityHrp[] = "age-secret-key-";
constexpr AeadNonce kZeroNonce{};

/// The key on one line, decoded; a reason (no key material) when it is not one.
using KeyDecoder = std::function<std::optional<std::string>(std::string_view line)>;

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

/// Feeds each key line of each text to `decode`; throws PlanError for the first bad one.
void ForEachKeyLine(const std::vector<std::string>& texts, const char* kind,
                    const KeyDecoder& decode) {
  std::size_t keys = 0;
  for (std::size_t text_idx = 0; text_idx < texts.size(); ++text_idx) {
    std::string_view text = texts[text_idx];
    for (std::size_t line_number = 1; !text.empty(); ++line_number) {
      std::size_t end = text.find('\n');
      std::string_view line = Trim(text.substr(0, end));
      text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
      if (line.empty() || line.front() == '#') continue;
      if (std::optional<std::string> reason = decode(line)) {
        throw PlanError(std::string("age ") + kind + " " + std::to_string(text_idx + 1) +
                        ", line " + std::to_string(line_number) + ": " + *reason);
      }
      ++keys;
    }
  }
  if (keys == 0) throw PlanError(std::string("no age ") + kind + " given");
}

/// Decodes Bech32 `line` with `hrp` to 32 bytes, or says why it cannot (never quoting it).
std::optional<std::string> DecodeKey(std::string_view line, const char* hrp, const char* what,
                                     MutableByteSpan out) {
  Bech32Error error{};
  std::optional<Bech32> decoded = DecodeBech32(line, &error);
  if (!decoded) return std::string("not ") + what + ": " + Bech32ErrorText(error);
  if (decoded->hrp != hrp) {
    return std::string("not ") + what +
           ": only X25519 keys (age1... and AGE-SECRET-KEY-1...) are supported";
  }
  if (decoded->data.size() != out.size()) return std::string("not ") + what + ": wrong key length";
  std::copy(decoded->data.begin(), decoded->data.end(), out.begin());
  return std::nullopt;
}

bool StartsWithNoCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t idx = 0; idx < prefix.size(); ++idx) {
    if (std::tolower(static_cast<unsigned char>(text[idx])) != prefix[idx]) return false;
  }
  return true;
}

[[noreturn]] void ThrowBadStanza(const std::string& reason) {
  throw ArchiveError("archive header is malformed: " + reason);
}

/// The 32-byte share or salt of a stanza argument, or throws naming the stanza type.
Bytes DecodeStanzaArgument(const std::string& arg, std::size_t size, const char* what) {
  std::optional<Bytes> bytes = DecodeBase64(arg);
  if (!bytes || bytes->size() != size) {
    ThrowBadStanza(std::string(what) + " is not " + std::to_string(size) +
                   " bytes of canonical base64");
  }
  return *bytes;
}

std::optional<FileKey> OpenFileKey(const Key32& wrap_key, const Bytes& body) {
  FileKey file_key;
  ChaChaPoly aead(wrap_key);
  if (!aead.Open(kZeroNonce, body, file_key.mutable_span())) return std::nullopt;
  return file_key;
}

Bytes SealFileKey(const Key32& wrap_key, const FileKey& file_key) {
  Bytes body(file_key.span().size() + ChaChaPoly::kTagSize);
  ChaChaPoly(wrap_key).Seal(kZeroNonce, file_key.span(), body);
  return body;
}

Key32 X25519WrapKey(const Key32& shared, ByteSpan share, const X25519Recipient& recipient) {
  Bytes salt(share.begin(), share.end());
  salt.insert(salt.end(), recipient.begin(), recipient.end());
  return HkdfSha256(shared.span(), salt, kX25519Label);
}

Key32 ScryptWrapKey(std::string_view passphrase, ByteSpan salt, unsigned log_n) {
  Bytes labelled(AsBytes(kScryptLabel).begin(), AsBytes(kScryptLabel).end());
  labelled.insert(labelled.end(), salt.begin(), salt.end());
  return Scrypt(passphrase, labelled, log_n);
}

/// The scrypt work factor argument: a decimal without leading zeros.
unsigned ParseLogN(const std::string& text) {
  unsigned log_n = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), log_n);
  if (text.empty() || text.size() > 2 || text[0] == '0' || error != std::errc() ||
      end != text.data() + text.size()) {
    ThrowBadStanza("an scrypt stanza's work factor is not a decimal from 1 to 99");
  }
  return log_n;
}

}  // namespace

std::vector<X25519Recipient> ParseRecipients(const std::vector<std::string>& texts) {
  std::vector<X25519Recipient> recipients;
  ForEachKeyLine(texts, "recipient", [&](std::string_view line) -> std::optional<std::string> {
    if (StartsWithNoCase(line, "age-secret-key-")) {
      return "this is a secret key, not a recipient; give its public key (age1...)";
    }
    if (line.rfind("ssh-", 0) == 0 || line.rfind("ecdsa-", 0) == 0) {
      return "SSH keys are not supported; give an X25519 recipient (age1...)";
    }
    X25519Recipient recipient{};
    std::optional<std::string> reason =
        DecodeKey(line, kRecipientHrp, "an age recipient", recipient);
    if (!reason) recipients.push_back(recipient);
    return reason;
  });
  return recipients;
}

std::vector<X25519Identity> ParseIdentities(const std::vector<std::string>& texts) {
  std::vector<X25519Identity> identities;
  ForEachKeyLine(texts, "identity", [&](std::string_view line) -> std::optional<std::string> {
    if (StartsWithNoCase(line, "age1")) {
      return "this is a public key (age1...), not an identity; give the AGE-SECRET-KEY-1... line";
    }
    X25519Identity identity;
    std::optional<std::string> reason =
        DecodeKey(line, kIdentityHrp, "an age identity", identity.secret.mutable_span());
    if (reason) return reason;
    identity.recipient = X25519PublicKey(identity.secret);
    identities.push_back(identity);
    return std::nullopt;
  });
  return identities;
}

std::string GenerateIdentity() {
  Key32 secret;
  RandomBytes(secret.mutable_span());
  std::string text = EncodeBech32(kIdentityHrp, secret.span());
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

std::string RecipientOf(std::string_view identity) {
  std::vector<X25519Identity> identities = ParseIdentities({std::string(identity)});
  return EncodeBech32(kRecipientHrp, identities.front().recipient);
}

Stanza WrapX25519(const FileKey& file_key, const X25519Recipient& recipient) {
  Key32 ephemeral;
  RandomBytes(ephemeral.mutable_span());
  std::array<std::uint8_t, 32> share = X25519PublicKey(ephemeral);
  std::optional<Key32> shared = X25519SharedSecret(ephemeral, recipient);
  if (!shared) throw PlanError("an age recipient is not a usable X25519 public key");
  Key32 wrap_key = X25519WrapKey(*shared, share, recipient);
  return Stanza{{"X25519", EncodeBase64(share)}, SealFileKey(wrap_key, file_key)};
}

std::optional<FileKey> UnwrapX25519(const Stanza& stanza, const X25519Identity& identity) {
  if (stanza.args.empty() || stanza.args.front() != "X25519") return std::nullopt;
  if (stanza.args.size() != 2) ThrowBadStanza("an X25519 stanza does not have exactly one share");
  Bytes share = DecodeStanzaArgument(stanza.args[1], 32, "an X25519 stanza's share");
  if (stanza.body.size() != 32) ThrowBadStanza("an X25519 stanza's body is not 32 bytes");
  std::optional<Key32> shared = X25519SharedSecret(identity.secret, share);
  if (!shared) ThrowBadStanza("an X25519 stanza's share is a low-order point");
  return OpenFileKey(X25519WrapKey(*shared, share, identity.recipient), stanza.body);
}

Stanza WrapScrypt(const FileKey& file_key, std::string_view passphrase, unsigned log_n) {
  std::array<std::uint8_t, 16> salt{};
  RandomBytes(salt);
  Key32 wrap_key = ScryptWrapKey(passphrase, salt, log_n);
  return Stanza{{"scrypt", EncodeBase64(salt), std::to_string(log_n)},
                SealFileKey(wrap_key, file_key)};
}

std::optional<FileKey> UnwrapScrypt(const Stanza& stanza, std::string_view passphrase,
                                    unsigned max_log_n) {
  if (stanza.args.empty() || stanza.args.front() != "scrypt") return std::nullopt;
  if (stanza.args.size() != 3)
    ThrowBadStanza("an scrypt stanza does not have a salt and a work factor");
  Bytes salt = DecodeStanzaArgument(stanza.args[1], 16, "an scrypt stanza's salt");
  unsigned log_n = ParseLogN(stanza.args[2]);
  if (stanza.body.size() != 32) ThrowBadStanza("an scrypt stanza's body is not 32 bytes");
  if (log_n > max_log_n) {
    throw ArchiveError(
        "the archive's passphrase work factor (scrypt log2 N = " + std::to_string(log_n) +
        ") is above the limit of " + std::to_string(max_log_n) +
        "; raise the limit only for an archive you trust");
  }
  return OpenFileKey(ScryptWrapKey(passphrase, salt, log_n), stanza.body);
}

}  // namespace ferry::archive
