#include "adapters/storage/store.hpp"

namespace ferry::storage {

std::vector<ObjectInfo> ListAll(Store& store, const std::string& prefix) {
  std::vector<ObjectInfo> all;
  std::string token;
  do {
    ListPage page = store.List(prefix, token);
    for (ObjectInfo& object : page.objects) all.push_back(std::move(object));
    token = std::move(page.next_token);
  } while (!token.empty());
  return all;
}

}  // namespace ferry::storage
