#include "adapters/postgres/postgres_sink.hpp"

#include <catch2/catch.hpp>

namespace ferry::postgres {

namespace {

Resource Make(std::string type, std::string id) {
  Resource resource;
  resource.resource_type = std::move(type);
  resource.id = std::move(id);
  return resource;
}

using Rounds = std::vector<std::vector<std::size_t>>;

}  // namespace

TEST_CASE("A batch without repeated keys is one round", "[postgres]") {
  std::vector<Resource> batch = {Make("Patient", "a"), Make("Patient", "b"),
                                 Make("Observation", "a")};
  CHECK(UniqueKeyRounds(batch) == Rounds{{0, 1, 2}});
}

TEST_CASE("A repeated key goes to the next round, in batch order", "[postgres]") {
  std::vector<Resource> batch = {Make("Patient", "a"), Make("Patient", "a"), Make("Patient", "b"),
                                 Make("Patient", "a")};
  CHECK(UniqueKeyRounds(batch) == Rounds{{0, 2}, {1}, {3}});
}

TEST_CASE("Resources without a type or an id are left out of every round", "[postgres]") {
  std::vector<Resource> batch = {Make("", "a"), Make("Patient", ""), Make("Patient", "c")};
  CHECK(UniqueKeyRounds(batch) == Rounds{{2}});
  CHECK(UniqueKeyRounds({}) == Rounds{});
}

}  // namespace ferry::postgres
