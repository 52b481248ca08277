#include "adapters/providers/layout_presets.hpp"

#include <vector>

namespace ferry::providers {

namespace {

constexpr std::uint64_t kMegabyte = 1000 * 1000;
constexpr std::uint64_t kGigabyte = 1000 * kMegabyte;

std::vector<LayoutPreset> MakeLayouts() {
  std::vector<LayoutPreset> layouts;
  // The Bulk Data IG: "Each file SHALL contain resources of only one type, but a server MAY
  // create more than one file for each resource type returned."
  layouts.push_back({
      .name = "bulk",
      .title = "FHIR Bulk Data layout",
      .import_hint = "manifest.json lists every file with its type, as a bulk export's manifest does",
      .source = "https://hl7.org/fhir/uv/bulkdata/export.html#response---complete-status",
  });
  // Azure $import: all resources of a file of one type, several files per type allowed, at
  // most 10,000 files per operation; best practice: files of 50 MB or more (or 20,000
  // resources or more), with no upper limit.
  layouts.push_back({
      .name = "azure",
      .title = "Azure Health Data Services $import",
      .min_file_bytes = 50 * kMegabyte,
      .min_file_resources = 20000,
      .max_files = 10000,
      .import_hint = "one $import input per file: its manifest.json `type` and `url` under the container",
      .source = "https://learn.microsoft.com/azure/healthcare-apis/fhir/import-data, "
                "https://learn.microsoft.com/azure/healthcare-apis/fhir/fhir-best-practices",
  });
  // HealthLake StartFHIRImportJob: NDJSON under one S3 prefix, each line a FHIR resource;
  // at most 10,000 files per job (service quotas). The 50 GB per file is the figure the
  // ferry issue gives: the quota table in our stored copy of the page was cut off before
  // any per-file size row, so check the live page before relying on it.
  layouts.push_back({
      .name = "healthlake",
      .title = "AWS HealthLake StartFHIRImportJob",
      .max_file_bytes = 50 * kGigabyte,
      .max_files = 10000,
      .import_hint = "InputDataConfig.S3Uri: the s3:// prefix of the target",
      .source = "https://docs.aws.amazon.com/healthlake/latest/devguide/import-datastore.html, "
                "https://docs.aws.amazon.com/healthlake/latest/devguide/quotas.html",
  });
  // Cloud Healthcare fhirStores.import with contentStructure RESOURCE: each line one
  // resource; gcsSource.uri may hold wildcards, and the files it matches must hold content
  // only, so point it at `*.ndjson` (not `*`, which would take manifest.json too).
  layouts.push_back({
      .name = "google",
      .title = "Google Cloud Healthcare API fhirStores.import",
      .import_hint = "gcsSource.uri gs://<bucket>/<prefix>/*.ndjson with contentStructure RESOURCE",
      .source = "https://cloud.google.com/healthcare/docs/reference/rest/v1/"
                "projects.locations.datasets.fhirStores/import",
  });
  return layouts;
}

}  // namespace

std::span<const LayoutPreset> AllLayouts() {
  static const std::vector<LayoutPreset> kLayouts = MakeLayouts();
  return kLayouts;
}

const LayoutPreset* FindLayout(std::string_view name) {
  for (const LayoutPreset& layout : AllLayouts()) {
    if (layout.name == name) return &layout;
  }
  return nullptr;
}

std::string LayoutNames() {
  std::string names;
  for (const LayoutPreset& layout : AllLayouts()) names += (names.empty() ? "" : ", ") + layout.name;
  return names;
}

}  // namespace ferry::providers
