#include "core/archive/age_header.hpp"

#include "core/archive/archive_error.hpp"
#include "core/archive/encoding.hpp"

namespace ferry::archive {
namespace {

constexpr std::size_t kBodyColumns = 64;
constexpr std::size_t kMaxLine = 16 * 1024;  // post-quantum stanza arguments are ~1.5 KB
constexpr std::size_t kMaxHeader = 1024 * 1024;

[[noreturn]] void ThrowMalformed(std::size_t line_number, const std::string& reason) {
  throw ArchiveError("archive header is malformed: line " + std::to_string(line_number) + ": " +
                     reason);
}

/// Reads header lines, counting them and the header's size.
class LineReader {
 public:
  explicit LineReader(BufferedSource& in) : in_(in) {}
  /// The next line; throws at the end of the file or for an over-long line or header.
  std::string Next() {
    std::string line;
    bool ended = false;
    ++number_;
    if (!in_.ReadLine(kMaxLine, &line, &ended)) {
      if (ended) throw ArchiveError("archive is truncated: the header ends before its MAC line");
      ThrowMalformed(number_, "the line is longer than 16 KiB");
    }
    size_ += line.size() + 1;
    if (size_ > kMaxHeader) ThrowMalformed(number_, "the header is longer than 1 MiB");
    return line;
  }
  std::size_t number() const { return number_; }

 private:
  BufferedSource& in_;
  std::size_t number_ = 1;  // the version line was line 1
  std::size_t size_ = sizeof(kAgeVersionLine);
};

bool IsBase64Char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '/';
}

/// The arguments of an "-> a b c" line: non-empty runs of printable ASCII split by one space.
std::vector<std::string> ParseArguments(const std::string& line, std::size_t line_number) {
  std::vector<std::string> args(1);
  for (char c : line.substr(3)) {
    if (c == ' ') {
      args.emplace_back();
    } else if (c >= 0x21 && c <= 0x7e) {
      args.back().push_back(c);
    } else {
      ThrowMalformed(line_number, "a stanza argument has a character that is not printable ASCII");
    }
  }
  for (const std::string& arg : args) {
    if (arg.empty()) ThrowMalformed(line_number, "a stanza has an empty argument");
  }
  return args;
}

/// Reads body lines up to the first one shorter than 64 columns, and decodes them.
Bytes ReadBody(LineReader& lines, std::string* mac_input) {
  std::string text;
  while (true) {
    std::string line = lines.Next();
    *mac_input += line + "\n";
    if (line.size() > kBodyColumns)
      ThrowMalformed(lines.number(), "a stanza body line is longer than 64 columns");
    for (char c : line) {
      if (!IsBase64Char(c)) ThrowMalformed(lines.number(), "a stanza body is not base64");
    }
    text += line;
    if (line.size() < kBodyColumns) break;
  }
  std::optional<Bytes> body = DecodeBase64(text);
  if (!body) ThrowMalformed(lines.number(), "a stanza body is not canonical base64");
  return *body;
}

Digest ParseMac(const std::string& line, std::size_t line_number) {
  std::string text = line.substr(4);
  std::optional<Bytes> mac = text.size() == 43 ? DecodeBase64(text) : std::nullopt;
  if (!mac || mac->size() != 32)
    ThrowMalformed(line_number, "the MAC is not 43 characters of base64");
  Digest digest{};
  std::copy(mac->begin(), mac->end(), digest.begin());
  return digest;
}

void ReadVersionLine(BufferedSource& in) {
  std::string line;
  bool ended = false;
  if (!in.ReadLine(sizeof(kAgeVersionLine), &line, &ended) || line != kAgeVersionLine) {
    throw ArchiveError("not an age archive: the file does not start with the line " +
                       std::string(kAgeVersionLine));
  }
}

}  // namespace

std::string HeaderMacInput(const std::vector<Stanza>& stanzas) {
  std::string text = std::string(kAgeVersionLine) + "\n";
  for (const Stanza& stanza : stanzas) {
    text += "->";
    for (const std::string& arg : stanza.args) text += " " + arg;
    text += "\n";
    std::string body = EncodeBase64(stanza.body);
    for (std::size_t at = 0; at <= body.size(); at += kBodyColumns) {
      text += body.substr(at, kBodyColumns) + "\n";  // a body ends with a short, maybe empty, line
    }
  }
  return text + "---";
}

Digest HeaderMac(const FileKey& file_key, std::string_view mac_input) {
  Key32 mac_key = HkdfSha256(file_key.span(), {}, "header");
  return HmacSha256(mac_key.span(), AsBytes(mac_input));
}

std::string SerializeHeader(const std::vector<Stanza>& stanzas, const FileKey& file_key) {
  std::string text = HeaderMacInput(stanzas);
  Digest mac = HeaderMac(file_key, text);
  return text + " " + EncodeBase64(mac) + "\n";
}

AgeHeader ReadHeader(BufferedSource& in) {
  ReadVersionLine(in);
  AgeHeader header;
  header.mac_input = std::string(kAgeVersionLine) + "\n";
  LineReader lines(in);
  while (true) {
    std::string line = lines.Next();
    if (line.rfind("--- ", 0) == 0) {
      if (header.stanzas.empty())
        ThrowMalformed(lines.number(), "the header has no recipient stanza");
      header.mac = ParseMac(line, lines.number());
      header.mac_input += "---";
      return header;
    }
    if (line.rfind("-> ", 0) != 0) {
      ThrowMalformed(lines.number(), "expected a recipient stanza (->) or the MAC line (---)");
    }
    header.mac_input += line + "\n";
    Stanza stanza{ParseArguments(line, lines.number()), {}};
    stanza.body = ReadBody(lines, &header.mac_input);
    header.stanzas.push_back(std::move(stanza));
  }
}

}  // namespace ferry::archive
