#pragma once
/// Builds the Authenticator an AuthConfig describes.
///
///     std::shared_ptr<http::Authenticator> auth = MakeAuthenticator(AuthConfigFrom(config));
///     http::Client client(options, auth);   // null auth for kind "none"

#include <memory>

#include "adapters/auth/auth_config.hpp"
#include "adapters/auth/authenticator.hpp"

namespace ferry::http {

/// The authenticator for `config.kind`; null for "none". Throws PlanError for a kind it
/// does not know or a malformed credential (an unreadable key), naming config.location.
std::shared_ptr<Authenticator> MakeAuthenticator(const AuthConfig& config);

}  // namespace ferry::http
