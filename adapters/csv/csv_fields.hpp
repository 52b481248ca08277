#pragma once
/// Splitting one CSV record into its fields (RFC 4180), and the UTF-8 check every value
/// gets. Pure functions on bytes already in memory: RecordScanner (csv_scanner.hpp) cuts
/// the file into records, SplitRecord cuts a record into fields.
///
///     std::vector<std::string> fields;
///     std::string error = SplitRecord(R"(1,"Smith, ""Jo""",x)", ',', fields);
///     // error == "", fields == {"1", "Smith, \"Jo\"", "x"}

#include <string>
#include <string_view>
#include <vector>

namespace ferry::csv {

/// Splits `record` (one whole record without its line terminator; quoted fields may hold
/// line breaks) at `delimiter` into `fields`, replacing what they held. Returns "" on
/// success, or what is wrong with the record (`field 3: quote inside an unquoted field`,
/// `field 2: text after a closing quote`, `field 4: invalid UTF-8`,
/// `unterminated quoted field`); the message never holds a value. On error `fields` holds
/// whatever was split so far.
std::string SplitRecord(std::string_view record, char delimiter, std::vector<std::string>& fields);

/// True when `error` (from SplitRecord) is about misplaced quotes, the sign of a stray
/// quote that may have joined several lines into one record.
bool IsQuoteError(std::string_view error);


}  // namespace ferry::csv
