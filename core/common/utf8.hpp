#pragma once
/// UTF-8 checks shared by the sources and the JSON layer.

#include <string_view>

namespace ferry {

/// True when `text` is well-formed UTF-8 (no overlong forms, surrogates or code points
/// above U+10FFFF). Fast on ASCII: 8 bytes at a time.
bool IsValidUtf8(std::string_view text);

/// True when `text` has no byte >= 0x80.
bool IsAscii(std::string_view text);

}  // namespace ferry
