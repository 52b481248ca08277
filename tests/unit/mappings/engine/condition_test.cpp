#include "mappings/engine/condition.hpp"

#include <catch2/catch.hpp>

#include "tests/unit/mappings/engine/mapping_test_util.hpp"

namespace ferry {

using testing::MapOne;
using testing::Row;
using testing::Spec;

namespace {

/// "mapped", "filtered" or the failure of a rule whose `when:` is `condition`, for a row
/// with STATUS = `status` and CODE = `code`.
std::string Outcome(const std::string& condition, const std::string& status,
                    const std::string& code = "") {
  const std::string spec = Spec("  - from: obs\n    to: Observation\n    when: " + condition +
                                "\n    set:\n      status: final\n");
  const std::string result = MapOne(spec, Row("obs", {"STATUS", "CODE"}, {status, code}));
  return result.starts_with("{") ? "mapped" : result;
}

}  // namespace

TEST_CASE("equals and not_equals compare the trimmed text", "[mapping][condition]") {
  CHECK(Outcome("{ col: STATUS, equals: final }", " final ") == "mapped");
  CHECK(Outcome("{ col: STATUS, equals: final }", "Final") == "filtered");
  CHECK(Outcome("{ col: STATUS, equals: 1 }", "1") == "mapped");
  CHECK(Outcome("{ col: STATUS, equals: \"\" }", "  ") == "mapped");
  CHECK(Outcome("{ col: STATUS, not_equals: final }", "final") == "filtered");
  CHECK(Outcome("{ col: STATUS, not_equals: final }", "") == "mapped");
}

TEST_CASE("in tests membership", "[mapping][condition]") {
  CHECK(Outcome("{ col: STATUS, in: [final, amended] }", "amended") == "mapped");
  CHECK(Outcome("{ col: STATUS, in: [final, amended] }", "draft") == "filtered");
  CHECK(Outcome("{ col: STATUS, in: final }", "final") == "mapped");
}

TEST_CASE("present tests for a non-empty trimmed value", "[mapping][condition]") {
  CHECK(Outcome("{ col: STATUS, present: true }", "x") == "mapped");
  CHECK(Outcome("{ col: STATUS, present: true }", " \t") == "filtered");
  CHECK(Outcome("{ col: STATUS, present: false }", "") == "mapped");
  CHECK(Outcome("{ col: STATUS, present: false }", "x") == "filtered");
}

TEST_CASE("matches is a full ECMAScript match", "[mapping][condition]") {
  CHECK(Outcome(R"({ col: STATUS, matches: "\\d{4}-\\d{2}" })", "2020-01") == "mapped");
  CHECK(Outcome(R"({ col: STATUS, matches: "\\d{4}" })", "2020-01") == "filtered");
  CHECK(Outcome("{ col: STATUS, matches: \"fin|amend\" }", "fin") == "mapped");
}

TEST_CASE("all, any and not combine conditions", "[mapping][condition]") {
  const std::string all = "{ all: [{ col: STATUS, equals: final }, { col: CODE, present: true }] }";
  CHECK(Outcome(all, "final", "x") == "mapped");
  CHECK(Outcome(all, "final", "") == "filtered");
  const std::string any = "{ any: [{ col: STATUS, equals: final }, { col: CODE, present: true }] }";
  CHECK(Outcome(any, "draft", "x") == "mapped");
  CHECK(Outcome(any, "draft", "") == "filtered");
  CHECK(Outcome("{ not: { col: STATUS, equals: final } }", "final") == "filtered");
  CHECK(Outcome("{ not: { not: { col: STATUS, equals: final } } }", "final") == "mapped");
}

TEST_CASE("A condition on a column the stream lacks fails the record", "[mapping][condition]") {
  CHECK(Outcome("{ col: STATE, equals: final }", "final") ==
        "failed: obs->Observation: when: column STATE not found in obs");
  CHECK(Outcome("{ any: [{ col: STATUS, equals: final }, { col: STATE, equals: x }] }", "final") ==
        "mapped");
  CHECK(Outcome("{ any: [{ col: STATUS, equals: final }, { col: STATE, equals: x }] }", "draft") ==
        "failed: obs->Observation: when: column STATE not found in obs");
}

}  // namespace ferry
