#include "core/common/utf8.hpp"

#include <catch2/catch.hpp>

namespace ferry {

TEST_CASE("IsValidUtf8 rejects malformed sequences", "[utf8]") {
  CHECK(IsValidUtf8(""));
  CHECK(IsValidUtf8("plain ASCII that is longer than eight bytes"));
  CHECK(IsValidUtf8("\xF4\x8F\xBF\xBF"));        // U+10FFFF
  CHECK_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  CHECK_FALSE(IsValidUtf8("\xE0\x80\xAF"));      // overlong '/'
  CHECK_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate U+D800
  CHECK_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  CHECK_FALSE(IsValidUtf8("abc\xE2\x82"));       // cut short
  CHECK_FALSE(IsValidUtf8("\x80"));              // stray continuation byte
}

TEST_CASE("IsAscii finds any byte above 0x7F", "[utf8]") {
  CHECK(IsAscii(""));
  CHECK(IsAscii("plain ASCII that is longer than eight bytes"));
  CHECK_FALSE(IsAscii("twelve bytes\xC3\xA9"));
  CHECK_FALSE(IsAscii("\x80"));
}

}  // namespace ferry
