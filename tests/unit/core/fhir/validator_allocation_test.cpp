// The validator's speed contract, checked without timing: validating a valid resource
// allocates nothing (element paths are built only for an issue), and the work grows
// with the size of the resource only.
//
// This file replaces the global operator new of the test binary with a counting one,
// except under AddressSanitizer, which owns operator new (the checks are skipped there).

#include <atomic>
#include <cstdlib>
#include <new>
#include <string>

#include "tests/unit/core/fhir/validator_test_util.hpp"

namespace {

std::atomic<long> allocation_count{0};

}  // namespace

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kCountsAllocations = false;
#else
constexpr bool kCountsAllocations = true;

void* operator new(std::size_t size) {
  allocation_count.fetch_add(1, std::memory_order_relaxed);
  if (void* memory = std::malloc(size == 0 ? 1 : size)) return memory;
  throw std::bad_alloc();
}

void operator delete(void* memory) noexcept { std::free(memory); }

void operator delete(void* memory, std::size_t) noexcept { std::free(memory); }
#endif

namespace ferry::testing {

namespace {

/// A collection Bundle of `count` entries, each a Patient and an Observation with
/// extensions, primitive extensions, choice types, bindings and references.
std::string LargeBundle(int count) {
  std::string entries;
  for (int index = 0; index < count; ++index) {
    if (index > 0) entries += ',';
    std::string id = std::to_string(index);
    entries +=
        R"({"fullUrl":"urn:uuid:00000000-0000-4000-8000-)" + std::string(12 - id.size(), '0') + id +
        R"(","resource":{"resourceType":"Patient","id":"p)" + id +
        R"(","gender":"other","birthDate":"1980-02-29","_birthDate":{"extension":[{"url":"u",)"
        R"("valueDateTime":"1980-02-29T04:00:00Z"}]},"name":[{"given":["A",null],"_given":[null,)"
        R"({"id":"g"}]}]}},{"resource":{"resourceType":"Observation","status":"final","code":)"
        R"({"coding":[{"system":"http://loinc.org","code":"8480-6"}]},"subject":{"reference":)"
        R"("Patient/p)" +
        id +
        R"("},"valueQuantity":{"value":120.5,"unit":"mm[Hg]"},)"
        R"("effectiveDateTime":"2024-01-02T09:10:00Z"}})";
  }
  return R"({"resourceType":"Bundle","type":"collection","entry":[)" + entries + "]}";
}

}  // namespace

TEST_CASE("Validating a valid resource allocates nothing", "[validator][performance]") {
  JsonDocument doc;
  REQUIRE(ParseJson(LargeBundle(500), doc).ok());
  Validator validator;
  long before = allocation_count.load();
  auto issues = validator.Validate(doc);
  long allocations = allocation_count.load() - before;
  CHECK(issues.empty());
  if (kCountsAllocations) CHECK(allocations == 0);
}

TEST_CASE("Issues are allocated only for what is reported", "[validator][performance]") {
  JsonDocument doc;
  REQUIRE(ParseJson(R"({"resourceType":"Patient","gender":"F","name":[{"family":1}]})", doc).ok());
  long before = allocation_count.load();
  auto issues = Validator().Validate(doc);
  long allocations = allocation_count.load() - before;
  CHECK(issues.size() == 2);
  if (kCountsAllocations) {
    CHECK(allocations > 0);
    CHECK(allocations < 20);
  }
}

}  // namespace ferry::testing
