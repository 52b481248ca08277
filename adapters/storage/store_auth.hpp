#pragma once
/// Token credentials for the object stores: Azure Entra ID (OAuth2 client credentials,
/// scope `https://storage.azure.com/.default`) for Azure Blob and a Google service
/// account (RS256 JWT bearer grant) for the GCS JSON API, built from the plan's `auth*`
/// keys by the auth layer (adapters/auth), and wrapped so that a refused or unreachable
/// token endpoint fails naming the store.
///
///     storage:  path: az://acct/container/run1
///               auth: azure-entra
///               auth_tenant: 00000000-0000-0000-0000-000000000000
///               auth_client_id: ...
///               auth_client_secret: env:AZURE_CLIENT_SECRET
///
///     std::shared_ptr<http::Authenticator> auth = StoreTokenAuth(config, "azure-entra", name, http);
///     // null when the plan sets no `auth` (the store's own keys are used)

#include <memory>
#include <string>
#include <vector>

#include "adapters/auth/authenticator.hpp"
#include "adapters/http/http_client.hpp"
#include "core/adapter.hpp"

namespace ferry::storage {

/// The Azure Storage OAuth scope (the resource `https://storage.azure.com`).
inline constexpr const char* kAzureStorageScope = "https://storage.azure.com/.default";
/// The GCS read/write scope for service-account tokens.
inline constexpr const char* kGcsScope = "https://www.googleapis.com/auth/devstorage.read_write";

/// The `auth*` keys object stores understand (appended to `keys`).
void AppendStoreAuthKeys(std::vector<KeySpec>& keys);

/// The token authenticator of kind `kind` (azure-entra or google-service-account) the
/// plan's `auth*` keys describe, with `scope` unless auth_scope is set; null when `auth`
/// is absent or `none`. Errors from the token endpoint are prefixed with `store_name`.
/// Throws PlanError when `auth` names another kind or a key it needs is missing.
std::shared_ptr<http::Authenticator> StoreTokenAuth(const AdapterConfig& config, const std::string& kind,
                                                    const std::string& scope, const std::string& store_name,
                                                    const http::ClientOptions& http);

}  // namespace ferry::storage
