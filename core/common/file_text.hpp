#pragma once
/// Reading a small local file (a plan, a spec, a secret) whole.

#include <optional>
#include <string>

namespace ferry {

/// The bytes of the file at `path`, or nullopt when it cannot be opened.
std::optional<std::string> ReadFileText(const std::string& path);

}  // namespace ferry
