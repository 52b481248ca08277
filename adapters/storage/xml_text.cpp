#include "adapters/storage/xml_text.hpp"

#include <charconv>

namespace ferry::storage {

namespace {

/// Position just after the next start tag `<tag>`, `<tag ...>` or `<tag/>` at or after
/// `from`, with `empty` set for the last; npos when there is none.
std::size_t FindStart(std::string_view xml, std::string_view tag, std::size_t from, bool& empty) {
  std::string open = "<" + std::string(tag);
  for (std::size_t at = xml.find(open, from); at != std::string_view::npos;
       at = xml.find(open, at + 1)) {
    std::size_t after = at + open.size();
    if (after >= xml.size()) return std::string_view::npos;
    char next = xml[after];
    if (next != '>' && next != ' ' && next != '/' && next != '\t' && next != '\n') continue;
    std::size_t close = xml.find('>', after);
    if (close == std::string_view::npos) return std::string_view::npos;
    empty = xml[close - 1] == '/';
    return close + 1;
  }
  return std::string_view::npos;
}

void AppendUtf8(std::string& out, unsigned code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

/// Decodes the entity `name` (between '&' and ';') into `out`; false when unknown.
bool DecodeEntity(std::string_view name, std::string& out) {
  static constexpr std::pair<std::string_view, char> kNamed[] = {
      {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}};
  for (const auto& [entity, c] : kNamed) {
    if (name == entity) {
      out += c;
      return true;
    }
  }
  if (name.size() < 2 || name[0] != '#') return false;
  bool hex = name[1] == 'x' || name[1] == 'X';
  std::string_view digits = name.substr(hex ? 2 : 1);
  unsigned code = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), code, hex ? 16 : 10);
  if (ec != std::errc() || end != digits.data() + digits.size() || code > 0x10FFFF) return false;
  AppendUtf8(out, code);
  return true;
}

}  // namespace

std::vector<std::string_view> XmlElements(std::string_view xml, std::string_view tag) {
  std::vector<std::string_view> found;
  std::string close = "</" + std::string(tag) + ">";
  bool empty = false;
  for (std::size_t start = FindStart(xml, tag, 0, empty); start != std::string_view::npos;
       start = FindStart(xml, tag, start, empty)) {
    if (empty) {
      found.push_back(xml.substr(start, 0));
      continue;
    }
    std::size_t end = xml.find(close, start);
    if (end == std::string_view::npos) break;
    found.push_back(xml.substr(start, end - start));
    start = end + close.size();
  }
  return found;
}

std::string XmlText(std::string_view xml, std::string_view tag) {
  std::vector<std::string_view> found = XmlElements(xml, tag);
  return found.empty() ? std::string() : XmlDecode(found.front());
}

std::string XmlDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size(); ++at) {
    std::size_t semi = text[at] == '&' ? text.find(';', at) : std::string_view::npos;
    if (semi != std::string_view::npos && DecodeEntity(text.substr(at + 1, semi - at - 1), out)) {
      at = semi;
    } else {
      out += text[at];
    }
  }
  return out;
}

std::string XmlEncode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace ferry::storage
