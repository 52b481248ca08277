#pragma once
/// The adapter interfaces: Source (reads records) and Sink (writes resources), and the
/// plain-data description every adapter publishes (AdapterInfo).
///
/// An adapter is a folder `adapters/<name>/` with `<name>_source.{hpp,cpp}` and/or
/// `<name>_sink.{hpp,cpp}` and an `info.cpp` defining its `kInfo`; registration is one row
/// in `adapters/registry.cpp`. The plan loader checks a plan's adapter keys against
/// `AdapterInfo::source_keys` / `target_keys`, so adapters receive typed, checked config.
///
/// Contract for sources: `Seek(cursor)` once (empty cursor = start), then `Next(max)`
/// until it returns an empty batch; `StartCursor()` after Seek is stored at once. Records come in a deterministic order. A record that
/// cannot be read is returned with `read_error` set; a failure that stops the source
/// (unreadable directory, lost connection) throws ConnectError/IoError. A source may return
/// delete records (RawRecord::delete_id: a Bulk `deleted` entry), which the pipeline
/// carries to the sink's Remove.
///
/// Contract for sinks: `Restore(checkpoint)` once when resuming, then `Write(batch)` any
/// number of times; each write returns one outcome per resource, in order, and must be
/// idempotent (writing the same resource twice leaves it once). `Commit()` makes every
/// write so far durable and returns a checkpoint the state stores in the same
/// transaction as the batch's outcomes; after a crash, `Restore` with the last stored
/// checkpoint undoes anything written after it (or the sink's writes are idempotent
/// anyway). `Finish()` ends a complete run (manifest files and the like). `Remove(keys)`
/// deletes resources, in order with the writes (the pipeline calls Write and Remove in the
/// order of the source's records): it must be idempotent (an absent key is no error) and
/// its effect durable or restorable like a write's at the next Commit; returning false
/// (the default: the target cannot delete) dead-letters the deletes.
///
///     auto source = info.open_source(config, context);
///     source->Seek("");
///     for (auto batch = source->Next(500); !batch.records.empty(); batch = source->Next(500)) ...

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/common/hash.hpp"
#include "core/record.hpp"

namespace ferry {

// ---------------------------------------------------------------------------------------
// Configuration

/// The type of an adapter's plan key; the plan loader checks and converts values.
enum class KeyType {
  kString,      ///< any text
  kPath,        ///< a local path; made absolute relative to the plan file
  kInteger,     ///< a whole number >= 0
  kBool,        ///< true / false
  kChar,        ///< exactly one character
  kSecret,      ///< `env:NAME` or `file:PATH` only; resolved at load, never printed
  kStringList,  ///< a list of strings (a single string is a list of one)
  kStringMap,   ///< a mapping of string keys to string values
};

/// One plan key an adapter accepts.
struct KeySpec {
  std::string name;
  KeyType type = KeyType::kString;
  bool required = false;
  std::string default_value;  ///< used when absent and not required ("" = none)
  std::string help;           ///< one line for `ferry adapters` and the man page
};

/// A checked value of one key.
struct ConfigValue {
  KeyType type = KeyType::kString;
  std::string text;                            ///< string, path (absolute), char, secret, int/bool text
  std::vector<std::string> list;               ///< kStringList
  std::map<std::string, std::string> entries;  ///< kStringMap
  std::string location;                        ///< `plan.yaml:12:5`, for messages
};

/// A source or target block of a plan, checked against the adapter's KeySpecs. Every
/// declared key with a default is present; absent optional keys without one are not.
struct AdapterConfig {
  std::string adapter;      ///< registry name
  std::string location;     ///< `plan.yaml:4:3` of the block
  std::map<std::string, ConfigValue> values;
  /// The plan's state file (absolute; filled by the pipeline for targets): adapters that
  /// keep their own bookkeeping (the fhir id crosswalk) put it beside it.
  std::string state_path;

  bool Has(const std::string& key) const { return values.count(key) != 0; }
  /// The text of `key`, or `fallback` when absent.
  std::string GetString(const std::string& key, const std::string& fallback = "") const {
    auto it = values.find(key);
    return it == values.end() ? fallback : it->second.text;
  }
  long long GetInteger(const std::string& key, long long fallback = 0) const {
    auto it = values.find(key);
    return it == values.end() || it->second.text.empty() ? fallback : std::stoll(it->second.text);
  }
  bool GetBool(const std::string& key, bool fallback = false) const {
    auto it = values.find(key);
    return it == values.end() ? fallback : it->second.text == "true";
  }
  std::vector<std::string> GetList(const std::string& key) const {
    auto it = values.find(key);
    return it == values.end() ? std::vector<std::string>{} : it->second.list;
  }
  std::map<std::string, std::string> GetMap(const std::string& key) const {
    auto it = values.find(key);
    return it == values.end() ? std::map<std::string, std::string>{} : it->second.entries;
  }
};

// ---------------------------------------------------------------------------------------
// Sources

/// What the pipeline tells a source when opening it.
struct SourceContext {
  /// The streams to read, in this order: the `from` of the mapping's rules (tabular
  /// sources), or resource types (FHIR sources; empty = all found).
  std::vector<std::string> streams;
};

class Source {
 public:
  virtual ~Source() = default;
  /// Positions the source just after `cursor` (from RecordBatch::cursor); "" = the start.
  virtual void Seek(const std::string& cursor) = 0;
  /// Up to `max` records; an empty batch means the end.
  virtual RecordBatch Next(std::size_t max) = 0;
  /// Fraction done in [0, 1], if the source can tell (drives the progress bar).
  virtual std::optional<double> Progress() const { return std::nullopt; }
  /// Number of records in `stream`, when that is cheap to learn (for `ferry plan`).
  virtual std::optional<std::uint64_t> CountRecords(const std::string& /*stream*/) { return std::nullopt; }
  /// Column names of tabular `stream` (for mapping coverage in `ferry plan`); empty when
  /// not tabular or unknown.
  virtual std::vector<std::string> Columns(const std::string& /*stream*/) { return {}; }
  /// After Seek, before the first Next: a cursor the pipeline stores in the state at once,
  /// so that a crash before the first batch resumes from it (an asynchronous export job's
  /// status URL, say); "" = nothing to store.
  virtual std::string StartCursor() const { return ""; }
  /// Retried network requests so far, by kind ("429", "503", "connection", ...), for the
  /// report; empty for sources that do no network I/O.
  virtual std::map<std::string, std::uint64_t> RetryCounts() const { return {}; }
  /// Per stream, the columns the mapping reads (MappingSpec::stream_columns), told once
  /// before reading. A row source with wide rows may then return only these (the hl7v2
  /// source does); a named column the stream lacks stays absent, so the mapping still
  /// reports it. The default ignores the hint.
  virtual void OnlyColumns(const std::map<std::string, std::vector<std::string>>& /*columns*/) {}
};

// ---------------------------------------------------------------------------------------
// Sinks

/// A resource ready for a target.
struct Resource {
  std::string resource_type;
  std::string id;
  std::string json;        ///< compact JSON text, as it is to be stored
  Sha256 digest{};         ///< SHA-256 of `json` (ferry writes deterministic JSON)
  SourceLocation location; ///< where the record it came from was read
};

enum class WriteStatus { kWritten, kUnchanged, kFailed };

/// What happened to one resource of a Write.
struct WriteOutcome {
  WriteStatus status = WriteStatus::kWritten;
  std::string error;  ///< for kFailed: why (no field values)
};

/// Names one stored resource (for Sink::Remove).
struct ResourceKey {
  std::string resource_type;
  std::string id;
};

/// A resource as the target holds it (for `ferry verify`).
struct StoredResource {
  std::string_view resource_type;
  std::string_view id;
  std::string_view json;
};

class Sink {
 public:
  virtual ~Sink() = default;
  /// Called once before the first Write when resuming, with the last committed checkpoint.
  virtual void Restore(const std::string& /*checkpoint*/) {}
  /// Writes `batch`; one outcome per resource, in order.
  virtual std::vector<WriteOutcome> Write(std::span<const Resource> batch) = 0;
  /// Makes all writes durable; returns a checkpoint for Restore ("" if none is needed).
  virtual std::string Commit() { return ""; }
  /// Ends a complete run (writes manifests and the like).
  virtual void Finish() {}
  /// False when a written resource cannot be replaced later (append-only files): a
  /// resource that changed since an earlier run is then dead-lettered, never duplicated.
  virtual bool ReplacesInPlace() const { return true; }
  /// Calls `visit` for every resource the target holds, for `ferry verify`. Throws
  /// PlanError if the target cannot be read back.
  virtual void Scan(const std::function<void(const StoredResource&)>& visit) = 0;
  /// Retried network requests so far, by kind, for the report (see Source::RetryCounts).
  virtual std::map<std::string, std::uint64_t> RetryCounts() const { return {}; }
  /// Deletes the named resources: delete records of a run (Bulk `deleted` entries), and
  /// `ferry evaluate` cleaning up what it wrote. A key the target does not hold is no
  /// error. False when the target cannot delete (the default), or refused: the run then
  /// dead-letters these deletes. Throws like Write when the target is unreachable.
  virtual bool Remove(std::span<const ResourceKey> /*keys*/) { return false; }
};

// ---------------------------------------------------------------------------------------
// Description

enum class Capability : unsigned { kRead = 1, kWrite = 2 };

/// What a source's records are.
enum class RecordShape {
  kRows,       ///< tabular rows; a mapping spec is required
  kResources,  ///< FHIR R4 JSON documents; mapping is skipped
};

/// Plain-data description of an adapter; one row in adapters/registry.cpp.
struct AdapterInfo {
  std::string name;     ///< as written in plans: `csv`
  std::string summary;  ///< one line for `ferry adapters`
  RecordShape shape = RecordShape::kRows;
  std::vector<KeySpec> source_keys;  ///< empty when the adapter cannot read
  std::vector<KeySpec> target_keys;  ///< empty when the adapter cannot write
  std::unique_ptr<Source> (*open_source)(const AdapterConfig&, const SourceContext&) = nullptr;
  std::unique_ptr<Sink> (*open_sink)(const AdapterConfig&) = nullptr;

  bool CanRead() const { return open_source != nullptr; }
  bool CanWrite() const { return open_sink != nullptr; }
};

}  // namespace ferry
