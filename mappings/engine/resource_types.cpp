#include "core/fhir/validator.hpp"
#include "mappings/engine/load_context.hpp"

namespace ferry {

bool IsR4ResourceType(std::string_view type) {
  static const Validator validator;
  return validator.IsResourceType(type);
}

}  // namespace ferry
