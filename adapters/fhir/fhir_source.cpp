#include "adapters/fhir/fhir_source.hpp"

#include <curl/curl.h>

#include <algorithm>

#include "adapters/fhir/operation_outcome.hpp"
#include "adapters/fhir/type_order.hpp"
#include "core/common/error.hpp"

namespace ferry::fhir {

namespace {

std::string Escape(const std::string& text) {
  char* escaped = curl_easy_escape(nullptr, text.c_str(), static_cast<int>(text.size()));
  std::string out = escaped ? escaped : "";
  curl_free(escaped);
  return out;
}

/// In patient compartment mode a type other than Patient is read by its `patient` search param.
bool InCompartment(const Capabilities& caps, const std::string& type) {
  return type == "Patient" || caps.HasSearchParam(type, "patient");
}

std::vector<std::string> CheckedTypes(const AdapterConfig& config, const SourceContext& context,
                                      const Capabilities& caps, const std::string& base_url) {
  bool compartment = !config.GetList("patients").empty();
  std::vector<std::string> types = context.streams;
  if (types.empty()) {
    for (const auto& [type, searchable] : caps.types) {
      if (searchable && (!compartment || InCompartment(caps, type))) types.push_back(type);
    }
  }
  if (compartment) {
    for (const auto& type : types) {
      if (!InCompartment(caps, type))
        throw PlanError(config.location + ": " + type + " has no 'patient' search parameter on " + base_url +
                        ", so it cannot be read by patient (the 'patients' key); remove it from 'resources'");
    }
  }
  std::string missing;
  for (const auto& type : types) {
    if (!caps.Searchable(type)) missing += (missing.empty() ? "" : ", ") + type;
  }
  if (!missing.empty())
    throw PlanError(config.location + ": the FHIR server at " + base_url + " does not support searching " + missing +
                    " (per its CapabilityStatement); remove them from the plan's 'resources'");
  SortByDependency(types);
  return types;
}

std::vector<std::string> Lines(const std::string& text, std::size_t count) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (parts.size() + 1 < count) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) break;
    parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  parts.push_back(text.substr(start));
  return parts;
}

}  // namespace

FhirSource::FhirSource(const AdapterConfig& config, const SourceContext& context)
    : server_(config),
      search_(config.GetMap("search")),
      since_(config.GetString("since")),
      patients_(config.GetList("patients")),
      page_size_(std::max(1LL, config.GetInteger("page_size", 200))) {
  types_ = CheckedTypes(config, context, server_.CheckedCapabilities(), server_.base_url());
  for (const auto& [type, params] : search_) {
    if (std::find(types_.begin(), types_.end(), type) == types_.end())
      throw PlanError(config.values.at("search").location + ": 'search' has params for " + type +
                      ", which this source does not read; check the type name and the plan's 'resources'");
  }
}

std::string FhirSource::FirstUrl(const std::string& type, bool summary_count) const {
  std::string url = server_.base_url() + "/" + type + "?";
  url += summary_count ? "_summary=count" : "_count=" + std::to_string(page_size_);
  if (!since_.empty()) url += "&_lastUpdated=gt" + Escape(since_);
  if (!patients_.empty()) {
    std::string ids;
    for (const auto& id : patients_) ids += (ids.empty() ? "" : ",") + (type == "Patient" ? id : "Patient/" + id);
    url += (type == "Patient" ? "&_id=" : "&patient=") + Escape(ids);
  }
  if (auto it = search_.find(type); it != search_.end() && !it->second.empty()) url += "&" + it->second;
  return url;
}

void FhirSource::Seek(const std::string& cursor) {
  page_loaded_ = false;
  pos_ = 0;
  type_records_ = 0;
  type_idx_ = 0;
  if (cursor.empty()) {
    if (!types_.empty()) page_url_ = FirstUrl(types_[0], false);
    return;
  }
  std::vector<std::string> parts = Lines(cursor, 4);
  auto it = std::find(types_.begin(), types_.end(), parts[0]);
  if (parts.size() != 4 || it == types_.end())
    throw PlanError("the saved position of the fhir source does not fit this plan (type " + parts[0] +
                    "); delete the state file to start over");
  type_idx_ = static_cast<std::size_t>(it - types_.begin());
  type_records_ = std::stoull(parts[1]);
  page_url_ = parts[3];
  LoadPage(page_url_);
  pos_ = std::min<std::size_t>(std::stoull(parts[2]), page_.resources.size());
}

void FhirSource::LoadPage(std::string url) {
  server_.CheckSameOrigin(url);
  http::Response response = server_.Get(url);
  std::string what = "GET " + WithoutQuery(url);
  if (response.status != 200)
    throw ConnectError(what + ": " + OutcomeText(response.status, response.body) + " while reading " + types_[type_idx_]);
  auto page = ParseSearchPage(response.body);
  if (!page) throw ConnectError(what + ": " + page.error());
  page_ = std::move(*page);
  if (page_.total && type_records_ == 0) type_total_ = page_.total;
  page_url_ = std::move(url);
  page_loaded_ = true;
  pos_ = 0;
}

bool FhirSource::Advance() {
  while (type_idx_ < types_.size()) {
    if (!page_loaded_) LoadPage(page_url_);
    if (pos_ < page_.resources.size()) return true;
    if (!page_.next.empty()) {
      LoadPage(page_.next);
      continue;
    }
    if (++type_idx_ == types_.size()) break;
    page_url_ = FirstUrl(types_[type_idx_], false);
    page_loaded_ = false;
    type_records_ = 0;
    type_total_.reset();
  }
  return false;
}

RecordBatch FhirSource::Next(std::size_t max) {
  RecordBatch batch;
  while (batch.records.size() < max && Advance()) {
    RawRecord record;
    record.stream = types_[type_idx_];
    record.location = {"fhir:" + types_[type_idx_], ++type_records_};
    record.payload = std::move(page_.resources[pos_++]);
    batch.records.push_back(std::move(record));
  }
  batch.cursor = Cursor();
  return batch;
}

std::string FhirSource::Cursor() const {
  if (type_idx_ >= types_.size()) return types_.empty() ? "" : types_.back() + "\n0\n0\n" + page_url_;
  return types_[type_idx_] + "\n" + std::to_string(type_records_) + "\n" + std::to_string(pos_) + "\n" + page_url_;
}

std::optional<double> FhirSource::Progress() const {
  if (types_.empty()) return std::nullopt;
  double within = 0;
  if (type_total_ && *type_total_ > 0)
    within = std::min(1.0, static_cast<double>(type_records_) / static_cast<double>(*type_total_));
  return (static_cast<double>(type_idx_) + within) / static_cast<double>(types_.size());
}

std::optional<std::uint64_t> FhirSource::CountRecords(const std::string& stream) {
  http::Response response = server_.Get(FirstUrl(stream, true));
  if (response.status != 200) return std::nullopt;
  auto total = ParseSearchTotal(response.body);
  if (!total) return std::nullopt;
  return *total;
}

std::unique_ptr<Source> OpenSource(const AdapterConfig& config, const SourceContext& context) {
  return std::make_unique<FhirSource>(config, context);
}

}  // namespace ferry::fhir
