#pragma once
/// Wall-clock time as FHIR instants.

#include <string>

namespace ferry {

/// Now as a UTC FHIR instant with milliseconds (`2026-05-01T12:00:00.123Z`), or the value
/// of the environment variable FERRY_FIXED_TIME when it is set (golden tests fix it).
std::string NowInstant();

}  // namespace ferry
