#include "core/archive/age.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "core/archive/age_header.hpp"
#include "core/archive/age_keys.hpp"
#include "core/archive/archive_error.hpp"
#include "core/common/error.hpp"

namespace ferry::archive {
namespace {

constexpr std::size_t kSealedChunkSize = kAgeChunkSize + ChaChaPoly::kTagSize;
constexpr std::size_t kPayloadNonceSize = 16;
constexpr unsigned kMaxScryptLogN = 30;

/// The STREAM nonce: an 11-byte big-endian chunk counter, then 1 for the last chunk.
AeadNonce ChunkNonce(std::uint64_t chunk_index, bool last) {
  AeadNonce nonce{};
  for (std::size_t byte_idx = 0; byte_idx < 8; ++byte_idx) {
    nonce[10 - byte_idx] = static_cast<std::uint8_t>(chunk_index >> (8 * byte_idx));
  }
  nonce[11] = last ? 1 : 0;
  return nonce;
}

std::unique_ptr<ChaChaPoly> PayloadAead(const FileKey& file_key, ByteSpan nonce) {
  return std::make_unique<ChaChaPoly>(HkdfSha256(file_key.span(), nonce, "payload"));
}

void CheckOneKind(bool has_keys, bool has_passphrase, const char* keys) {
  if (has_keys && has_passphrase) {
    throw PlanError(std::string("give age ") + keys + " or a passphrase, not both");
  }
  if (!has_keys && !has_passphrase) {
    throw PlanError(std::string("no age ") + keys + " or passphrase given");
  }
}

std::vector<Stanza> MakeStanzas(const FileKey& file_key, const AgeRecipients& to) {
  CheckOneKind(!to.recipients.empty(), !to.passphrase.empty(), "recipients");
  if (!to.passphrase.empty()) {
    if (to.scrypt_log_n < 1 || to.scrypt_log_n > kMaxScryptLogN) {
      throw PlanError("the scrypt work factor must be from 1 to 30 (log2 N)");
    }
    return {WrapScrypt(file_key, to.passphrase, to.scrypt_log_n)};
  }
  std::vector<Stanza> stanzas;
  for (const X25519Recipient& recipient : ParseRecipients(to.recipients)) {
    stanzas.push_back(WrapX25519(file_key, recipient));
  }
  return stanzas;
}

bool HasScryptStanza(const AgeHeader& header) {
  return std::any_of(header.stanzas.begin(), header.stanzas.end(),
                     [](const Stanza& stanza) { return stanza.args.front() == "scrypt"; });
}

FileKey UnwrapWithPassphrase(const AgeHeader& header, const AgeIdentities& with) {
  if (!HasScryptStanza(header)) {
    throw ArchiveError(
        "the archive is encrypted to age recipients, not with a passphrase; give an identity");
  }
  std::optional<FileKey> file_key =
      UnwrapScrypt(header.stanzas.front(), with.passphrase, with.max_scrypt_log_n);
  if (!file_key) throw ArchiveError("wrong passphrase: it does not open this archive");
  return *file_key;
}

FileKey UnwrapWithIdentities(const AgeHeader& header,
                             const std::vector<X25519Identity>& identities) {
  if (HasScryptStanza(header)) {
    throw ArchiveError(
        "the archive is encrypted with a passphrase; give the passphrase, not an identity");
  }
  for (const Stanza& stanza : header.stanzas) {
    for (const X25519Identity& identity : identities) {
      if (std::optional<FileKey> file_key = UnwrapX25519(stanza, identity)) return *file_key;
    }
  }
  throw ArchiveError("no identity matches any recipient of the archive");
}

/// The file key of `header` for `with` (or `identities`), with the header MAC checked.
FileKey FindFileKey(const AgeHeader& header, const AgeIdentities& with,
                    const std::vector<X25519Identity>& identities) {
  if (HasScryptStanza(header) && header.stanzas.size() > 1) {
    throw ArchiveError("archive header is malformed: an scrypt stanza is not the only stanza");
  }
  FileKey file_key = with.passphrase.empty() ? UnwrapWithIdentities(header, identities)
                                             : UnwrapWithPassphrase(header, with);
  if (!ConstantTimeEqual(HeaderMac(file_key, header.mac_input), header.mac)) {
    throw ArchiveError("header MAC mismatch: the archive header was modified");
  }
  return file_key;
}

}  // namespace

AgeEncryptor::AgeEncryptor(ByteSink& out, const AgeRecipients& to)
    : out_(out), sealed_(kSealedChunkSize) {
  FileKey file_key;
  RandomBytes(file_key.mutable_span());
  std::vector<Stanza> stanzas = MakeStanzas(file_key, to);
  std::array<std::uint8_t, kPayloadNonceSize> nonce{};
  RandomBytes(nonce);
  aead_ = PayloadAead(file_key, nonce);
  out_.Write(AsBytes(SerializeHeader(stanzas, file_key)));
  out_.Write(nonce);
  plaintext_.reserve(kAgeChunkSize);
}

AgeEncryptor::~AgeEncryptor() { Wipe(plaintext_.data(), plaintext_.size()); }

void AgeEncryptor::Write(ByteSpan bytes) {
  if (finished_) throw std::logic_error("AgeEncryptor::Write after Finish");
  while (!bytes.empty()) {
    if (plaintext_.size() == kAgeChunkSize) SealChunk(false);  // more follows: not the last
    std::size_t take = std::min(bytes.size(), kAgeChunkSize - plaintext_.size());
    plaintext_.insert(plaintext_.end(), bytes.begin(),
                      bytes.begin() + static_cast<std::ptrdiff_t>(take));
    bytes = bytes.subspan(take);
  }
}

void AgeEncryptor::Finish() {
  if (finished_) return;
  SealChunk(true);
  finished_ = true;
}

void AgeEncryptor::SealChunk(bool last) {
  MutableByteSpan sealed(sealed_.data(), plaintext_.size() + ChaChaPoly::kTagSize);
  aead_->Seal(ChunkNonce(chunk_index_, last), plaintext_, sealed);
  out_.Write(sealed);
  plaintext_.clear();
  ++chunk_index_;
}

AgeDecryptor::AgeDecryptor(ByteSource& in, const AgeIdentities& with)
    : in_(in), sealed_(kSealedChunkSize + 1), plaintext_(kAgeChunkSize) {
  CheckOneKind(!with.identities.empty(), !with.passphrase.empty(), "identities");
  std::vector<X25519Identity> identities;
  if (with.passphrase.empty()) identities = ParseIdentities(with.identities);
  AgeHeader header = ReadHeader(in_);
  FileKey file_key = FindFileKey(header, with, identities);
  std::array<std::uint8_t, kPayloadNonceSize> nonce{};
  if (ReadFull(in_, nonce) != nonce.size()) {
    throw ArchiveError("archive is truncated: the last chunk is missing");
  }
  aead_ = PayloadAead(file_key, nonce);
}

AgeDecryptor::~AgeDecryptor() { Wipe(plaintext_.data(), plaintext_.size()); }

std::size_t AgeDecryptor::Read(MutableByteSpan out) {
  while (plaintext_begin_ == plaintext_end_) {
    if (done_ || out.empty()) return 0;
    OpenNextChunk();
  }
  std::size_t take = std::min(out.size(), plaintext_end_ - plaintext_begin_);
  std::memcpy(out.data(), plaintext_.data() + plaintext_begin_, take);
  plaintext_begin_ += take;
  return take;
}

std::size_t AgeDecryptor::FillChunk() {
  std::size_t filled = 0;
  if (has_lookahead_) {
    sealed_[0] = sealed_[kSealedChunkSize];
    filled = 1;
  }
  filled += ReadFull(in_, MutableByteSpan(sealed_).subspan(filled, kSealedChunkSize - filled));
  has_lookahead_ = filled == kSealedChunkSize &&
                   ReadFull(in_, MutableByteSpan(sealed_).subspan(kSealedChunkSize, 1)) == 1;
  return filled;
}

void AgeDecryptor::OpenNextChunk() {
  std::size_t sealed_size = FillChunk();
  if (sealed_size < ChaChaPoly::kTagSize)
    throw ArchiveError("archive is truncated: the last chunk is missing");
  ByteSpan sealed(sealed_.data(), sealed_size);
  MutableByteSpan plaintext(plaintext_.data(), sealed_size - ChaChaPoly::kTagSize);
  if (has_lookahead_) {
    if (!aead_->Open(ChunkNonce(chunk_index_, false), sealed, plaintext)) {
      if (aead_->Open(ChunkNonce(chunk_index_, true), sealed, plaintext)) {
        throw ArchiveError("archive is corrupted: data follows the last chunk");
      }
      throw ArchiveError("archive is corrupted: " + ChunkName() + " failed authentication");
    }
  } else {
    if (!aead_->Open(ChunkNonce(chunk_index_, true), sealed, plaintext))
      CheckLastChunk(sealed_size);
    if (plaintext.empty() && chunk_index_ > 0) {
      throw ArchiveError("archive is corrupted: " + ChunkName() + " is an empty last chunk");
    }
    done_ = true;
  }
  plaintext_begin_ = 0;
  plaintext_end_ = plaintext.size();
  ++chunk_index_;
}

std::string AgeDecryptor::ChunkName() const { return "chunk " + std::to_string(chunk_index_); }

[[noreturn]] void AgeDecryptor::CheckLastChunk(std::size_t sealed_size) {
  std::string chunk = ChunkName();
  if (sealed_size == kSealedChunkSize) {
    MutableByteSpan plaintext(plaintext_.data(), kAgeChunkSize);
    if (aead_->Open(ChunkNonce(chunk_index_, false), ByteSpan(sealed_.data(), sealed_size),
                    plaintext)) {
      throw ArchiveError("archive is truncated: the last chunk is missing");
    }
    throw ArchiveError("archive is corrupted: " + chunk + " failed authentication");
  }
  throw ArchiveError("archive is corrupted or truncated: " + chunk + " failed authentication");
}

}  // namespace ferry::archive
