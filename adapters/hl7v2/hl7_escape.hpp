#pragma once
/// HL7 v2 encoding characters (MSH-1, MSH-2) and escape sequences in ER7 text.
///
/// A value's text may hold escape sequences between two escape characters: `\F\` `\S\`
/// `\T\` `\R\` `\E\` stand for the field, component, subcomponent, repetition and escape
/// characters, `\Xhh..\` for the bytes of its hex digits and `\.br\` for a line break.
/// Any other sequence (highlighting `\H\`, charset switches, `\.sp\`...) is kept as it is.
///
///     Hl7Encoding encoding;  // | ^ ~ \ &
///     Unescape("Smith\\T\\Jones", encoding);  // "Smith&Jones"

#include <string>
#include <string_view>

namespace ferry::hl7v2 {

/// The separators of one message, from MSH-1 and MSH-2.
struct Hl7Encoding {
  char field = '|';         ///< MSH-1
  char component = '^';     ///< MSH-2, 1st character
  char repetition = '~';    ///< MSH-2, 2nd character
  char escape = '\\';       ///< MSH-2, 3rd character
  char subcomponent = '&';  ///< MSH-2, 4th character
  char truncation = '\0';   ///< MSH-2, optional 5th character (v2.7+); '\0' when absent
};

/// `text` with its escape sequences resolved under `encoding`; unknown or unterminated
/// sequences are kept literally.
std::string Unescape(std::string_view text, const Hl7Encoding& encoding);

}  // namespace ferry::hl7v2
