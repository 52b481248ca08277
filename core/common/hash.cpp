#include "core/common/hash.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <new>
#include <stdexcept>

namespace ferry {

const char* const kFerryUuidNamespace = "4b1f6a5e-3c3b-5b7e-9d4a-6f65727279a1";

namespace {

/// OpenSSL 3's one-shot SHA256()/SHA1() look the algorithm up and take a lock on every
/// call; fetch each algorithm once and keep one context per thread instead.
class Hasher {
 public:
  explicit Hasher(const char* algorithm)
      : md_(EVP_MD_fetch(nullptr, algorithm, nullptr)), ctx_(EVP_MD_CTX_new()) {
    if (!md_ || !ctx_) throw std::runtime_error(std::string("OpenSSL cannot provide ") + algorithm);
  }
  ~Hasher() {
    EVP_MD_CTX_free(ctx_);
    EVP_MD_free(md_);
  }
  Hasher(const Hasher&) = delete;
  Hasher& operator=(const Hasher&) = delete;

  /// Writes the digest of `data` to `out` (large enough for the algorithm).
  void Digest(std::string_view data, unsigned char* out) {
    unsigned int size = 0;
    if (EVP_DigestInit_ex2(ctx_, md_, nullptr) != 1 || EVP_DigestUpdate(ctx_, data.data(), data.size()) != 1 ||
        EVP_DigestFinal_ex(ctx_, out, &size) != 1)
      throw std::runtime_error("OpenSSL digest failed");
  }

 private:
  EVP_MD* md_;
  EVP_MD_CTX* ctx_;
};

}  // namespace

Sha256 Sha256Of(std::string_view data) {
  thread_local Hasher hasher("SHA256");
  Sha256 digest;
  hasher.Digest(data, digest.data());
  return digest;
}

std::string ToHex(const std::uint8_t* bytes, std::size_t size) {
  static const char* kDigits = "0123456789abcdef";
  std::string out(size * 2, '0');
  for (std::size_t idx = 0; idx < size; ++idx) {
    out[2 * idx] = kDigits[bytes[idx] >> 4];
    out[2 * idx + 1] = kDigits[bytes[idx] & 0xF];
  }
  return out;
}

std::string Sha256Hex(std::string_view data) { return ToHex(Sha256Of(data)); }

std::string HmacSha256Hex(std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int out_len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), out, &out_len);
  return ToHex(out, out_len);
}

int HexDigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string Base64(std::string_view data) {
  std::string out(4 * ((data.size() + 2) / 3), '\0');
  int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(data.data()), static_cast<int>(data.size()));
  out.resize(static_cast<std::size_t>(written));
  return out;
}

std::string Base64Url(std::string_view data) {
  std::string out = Base64(data);
  while (!out.empty() && out.back() == '=') out.pop_back();
  for (char& c : out) c = c == '+' ? '-' : (c == '/' ? '_' : c);
  return out;
}

Sha256Stream::Sha256Stream() : context_(EVP_MD_CTX_new()) {
  if (!context_ || EVP_DigestInit_ex(static_cast<EVP_MD_CTX*>(context_), EVP_sha256(), nullptr) != 1)
    throw std::bad_alloc();
}

Sha256Stream::~Sha256Stream() { EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(context_)); }

void Sha256Stream::Update(std::string_view data) {
  EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(context_), data.data(), data.size());
}

Sha256 Sha256Stream::Final() {
  Sha256 digest{};
  unsigned int size = 0;
  EVP_DigestFinal_ex(static_cast<EVP_MD_CTX*>(context_), digest.data(), &size);
  return digest;
}

std::string Uuid5(std::string_view ns, std::string_view name) {
  std::string bytes;
  for (std::size_t idx = 0; idx < ns.size(); ++idx) {
    if (ns[idx] == '-') continue;
    if (idx + 1 >= ns.size()) break;
    int high = HexDigitValue(ns[idx]);
    int low = HexDigitValue(ns[idx + 1]);
    if (high < 0 || low < 0) throw std::invalid_argument("Uuid5: namespace is not a UUID");
    bytes.push_back(static_cast<char>(high * 16 + low));
    ++idx;
  }
  if (bytes.size() != 16) throw std::invalid_argument("Uuid5: namespace is not a UUID");
  bytes.append(name);
  thread_local Hasher hasher("SHA1");
  unsigned char sha[EVP_MAX_MD_SIZE];
  hasher.Digest(bytes, sha);
  sha[6] = static_cast<unsigned char>((sha[6] & 0x0F) | 0x50);
  sha[8] = static_cast<unsigned char>((sha[8] & 0x3F) | 0x80);
  std::string hex = ToHex(sha, 16);
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20, 12);
}

void DigestSum::Add(const Sha256& digest) {
  unsigned carry = 0;
  for (std::size_t idx = sum_.size(); idx-- > 0;) {
    unsigned total = unsigned{sum_[idx]} + unsigned{digest[idx]} + carry;
    sum_[idx] = static_cast<std::uint8_t>(total & 0xFF);
    carry = total >> 8;
  }
}

std::string DigestSum::Hex() const { return ToHex(sum_.data(), sum_.size()); }

}  // namespace ferry
