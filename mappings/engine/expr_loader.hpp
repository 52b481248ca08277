#pragma once
/// Loading value expressions from a mapping spec's YAML (value_expr_loader.cpp and
/// column_loader.cpp). Every problem is reported to the LoadContext; a null result means
/// the expression had errors.

#include <yaml-cpp/yaml.h>

#include <memory>
#include <string>
#include <string_view>

#include "mappings/engine/value_expr.hpp"

namespace ferry {

class LoadContext;

/// How messages name an expression: "value expression".
extern const std::string kExprWhat;

/// Loads the expression at `node`. `key_mark` is where the key that holds it is: an empty
/// value is reported there.
std::shared_ptr<const ValueExpr> LoadValueExpr(const YAML::Node& node, const YAML::Mark& key_mark,
                                               LoadContext& ctx);

/// Loads a mapping with a `col:` key (column_loader.cpp).
std::shared_ptr<ValueExpr> LoadColumnExpr(const YAML::Node& node, LoadContext& ctx);

/// A scalar typed by the YAML rules (see ConstValue).
ConstValue TypedConstant(const YAML::Node& scalar);

/// Reads the optional boolean `key` of `node` into `flag`; false after reporting a
/// value that is not true or false.
bool ReadFlag(const YAML::Node& node, std::string_view key, bool& flag, LoadContext& ctx);

}  // namespace ferry
