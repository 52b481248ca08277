#pragma once
/// The `fhir` source: reads a FHIR R4 server's resources with type-level searches,
/// type by type in dependency order (type_order.hpp), page by page.
///
/// The first page of a type is `[base]/<Type>?_count=<page_size>` plus the plan's
/// `since` (`_lastUpdated=gt<since>`), the type's `search` params and, in patient
/// compartment mode (`patients`), `_id=` (Patient) or `patient=` (other types); every
/// later page is the Bundle's `next` link exactly as the server gave it (ferry never
/// builds page URLs, and never follows a link to another server). Before reading, the
/// CapabilityStatement is read and a type the server lacks is refused (PlanError).
///
/// Cursor: `<type>\n<records of the type so far>\n<entries to skip>\n<page URL>`: the
/// page being read and how far; --resume fetches that page again and skips what was done.
///
///     auto source = OpenSource(config, {{"Patient", "Encounter"}});
///     source->Seek("");
///     for (auto batch = source->Next(500); !batch.records.empty(); batch = source->Next(500)) ...

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "adapters/fhir/connection.hpp"
#include "adapters/fhir/search_page.hpp"
#include "core/adapter.hpp"

namespace ferry::fhir {

class FhirSource final : public Source {
 public:
  FhirSource(const AdapterConfig& config, const SourceContext& context);

  void Seek(const std::string& cursor) override;
  RecordBatch Next(std::size_t max) override;
  std::optional<double> Progress() const override;
  std::optional<std::uint64_t> CountRecords(const std::string& stream) override;

  std::map<std::string, std::uint64_t> RetryCounts() const override { return server_.RetryCounts(); }

 private:
  /// The first-page URL of `type` (`summary_count`: a `_summary=count` query instead).
  std::string FirstUrl(const std::string& type, bool summary_count) const;
  /// Loads page `url` into page_; throws ConnectError when the server fails.
  void LoadPage(std::string url);  // by value: callers pass page_.next, which it replaces
  /// Moves to the next page or type when the current page is used up; false at the end.
  bool Advance();
  std::string Cursor() const;

  Connection server_;
  std::vector<std::string> types_;
  std::map<std::string, std::string> search_;  ///< type -> extra search params
  std::string since_;
  std::vector<std::string> patients_;
  long long page_size_ = 200;

  std::size_t type_idx_ = 0;
  std::string page_url_;
  SearchPage page_;
  bool page_loaded_ = false;
  std::size_t pos_ = 0;                  ///< next entry of page_
  std::uint64_t type_records_ = 0;       ///< records of types_[type_idx_] handed out
  std::optional<std::uint64_t> type_total_;
};

/// Opens a `fhir` source from checked config (reads the CapabilityStatement).
std::unique_ptr<Source> OpenSource(const AdapterConfig& config, const SourceContext& context);

}  // namespace ferry::fhir
