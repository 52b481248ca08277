#pragma once
/// How a subcommand's callback hands its exit status to main: CLI11 callbacks return
/// void, so the status travels as this small exception, caught only in main.cpp.

namespace ferry::cli {

struct ExitWith {
  int code;
};

}  // namespace ferry::cli
