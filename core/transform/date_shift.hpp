#pragma once
/// Date arithmetic for de-identification: FHIR date, dateTime and instant texts shifted by
/// whole days (the time of day and zone kept), or cut to their year.
///
///     ShiftDate("2019-03-01T10:00:00Z", -3);  // "2019-02-26T10:00:00Z"
///     ShiftDate("2019-03", 20);                // "2019-04" (a month moves with its middle)
///     YearOf("2019-03-01");                    // 2019

#include <optional>
#include <string>
#include <string_view>

namespace ferry::transform {

/// `text` moved by `days` days, at the precision it had (YYYY, YYYY-MM, YYYY-MM-DD, with any
/// time part kept); nullopt when `text` does not start with a FHIR date.
std::optional<std::string> ShiftDate(std::string_view text, int days);

/// The year of a FHIR date, dateTime or instant; nullopt when there is none.
std::optional<int> YearOf(std::string_view text);

}  // namespace ferry::transform
