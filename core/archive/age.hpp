#pragma once
/// age v1 encryption and decryption as streams (c2sp.org/age), interoperable with the `age`
/// tool: what AgeEncryptor writes, `age -d` reads, and what `age -e` writes, AgeDecryptor
/// reads.
///
/// The payload is cut into 64 KiB chunks, each sealed with ChaCha20-Poly1305 under a key
/// derived from the file key and a random nonce, the last one flagged as last (STREAM).
/// Memory is two chunks, whatever the size of the file. Decryption hands out a chunk's
/// bytes only after the chunk authenticated, and reports the end only after a chunk flagged
/// last did; a truncated, extended or modified file always ends in an ArchiveError.
///
///     FileSink file("out.age");
///     AgeEncryptor encryptor(file, AgeRecipients{.recipients = {"age1..."}});
///     encryptor.Write(bytes);
///     encryptor.Finish();
///     file.Commit();
///
///     FileSource in("out.age");
///     AgeDecryptor decryptor(in, AgeIdentities{.identities = {key_file_text}});
///     while (std::size_t got = decryptor.Read(buffer)) { ... }

#include <memory>
#include <string>
#include <vector>

#include "core/archive/byte_stream.hpp"
#include "core/archive/crypto.hpp"

namespace ferry::archive {

/// Plaintext bytes in each STREAM chunk.
inline constexpr std::size_t kAgeChunkSize = 64 * 1024;

/// Who can open a new archive: X25519 recipients, or a passphrase; exactly one of the two.
struct AgeRecipients {
  std::vector<std::string> recipients;  ///< `age1...` keys or recipients files' text
  std::string passphrase;               ///< non-empty for passphrase encryption
  unsigned scrypt_log_n = 18;           ///< scrypt work factor 2^N (what `age -p` uses)
};

/// What to open an archive with: X25519 identities, or a passphrase; exactly one of the two.
struct AgeIdentities {
  std::vector<std::string> identities;  ///< `AGE-SECRET-KEY-1...` keys or identity files' text
  std::string passphrase;               ///< non-empty to open a passphrase archive
  unsigned max_scrypt_log_n = 22;       ///< refuse scrypt work factors above 2^N (as age does)
};

/// Encrypts a stream to an age v1 file written to a sink.
class AgeEncryptor : public ByteSink {
 public:
  /// Writes the header and payload nonce to `out` (which must outlive this object). Throws
  /// PlanError for bad or missing keys.
  AgeEncryptor(ByteSink& out, const AgeRecipients& to);
  ~AgeEncryptor() override;
  AgeEncryptor(const AgeEncryptor&) = delete;
  AgeEncryptor& operator=(const AgeEncryptor&) = delete;
  /// Encrypts `bytes`; whole chunks go to the sink as they fill.
  void Write(ByteSpan bytes) override;
  /// Seals the last chunk. Without it the file is truncated, and readers will say so.
  void Finish();

 private:
  void SealChunk(bool last);
  ByteSink& out_;
  std::unique_ptr<ChaChaPoly> aead_;
  Bytes plaintext_;
  Bytes sealed_;
  std::uint64_t chunk_index_ = 0;
  bool finished_ = false;
};

/// Decrypts an age v1 file read from a source.
class AgeDecryptor : public ByteSource {
 public:
  /// Reads and checks the header from `in` (which must outlive this object) and finds the
  /// file key. Throws PlanError for bad keys and ArchiveError when the file is not age,
  /// is malformed, no identity (or not the passphrase) opens it, or its MAC does not match.
  AgeDecryptor(ByteSource& in, const AgeIdentities& with);
  ~AgeDecryptor() override;
  AgeDecryptor(const AgeDecryptor&) = delete;
  AgeDecryptor& operator=(const AgeDecryptor&) = delete;
  /// Authenticated plaintext; 0 only after the last chunk authenticated. Throws
  /// ArchiveError for a truncated or modified payload, naming the chunk.
  std::size_t Read(MutableByteSpan out) override;

 private:
  void OpenNextChunk();
  std::size_t FillChunk();
  [[noreturn]] void CheckLastChunk(std::size_t sealed_size);
  std::string ChunkName() const;
  BufferedSource in_;
  std::unique_ptr<ChaChaPoly> aead_;
  Bytes sealed_;
  Bytes plaintext_;
  std::size_t plaintext_begin_ = 0;
  std::size_t plaintext_end_ = 0;
  std::uint64_t chunk_index_ = 0;
  bool has_lookahead_ = false;
  bool done_ = false;
};

}  // namespace ferry::archive
