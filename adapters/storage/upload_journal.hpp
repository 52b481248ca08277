#pragma once
/// The journal of a multi-part upload in progress: which upload (S3 upload id, Azure
/// block-id scheme, GCS session URI) for which local file (size, part size). Written
/// before the first part is sent and removed once the object is complete, so a run
/// killed midway finds it and asks the store which parts it holds already.
///
///     journal file:  ferry-upload 1\nkey run1/Patient.ndjson\nid 2~abc...\nsize 67108864\npart_size 8388608\n
///
///     if (auto old = LoadJournal(path); old && old->Matches(key, size, part_size)) Resume(old->id);

#include <cstdint>
#include <optional>
#include <string>

namespace ferry::storage {

struct UploadJournal {
  std::string key;         ///< the object being written
  std::string id;          ///< the store's id of the upload (no secrets in it)
  std::uint64_t size = 0;  ///< bytes of the local file
  std::uint64_t part_size = 0;

  bool Matches(const std::string& other_key, std::uint64_t other_size,
               std::uint64_t other_part_size) const {
    return key == other_key && size == other_size && part_size == other_part_size;
  }
};

/// The journal at `path`, or nullopt when there is none or it is damaged.
std::optional<UploadJournal> LoadJournal(const std::string& path);

/// Writes `journal` to `path` atomically (mode 0600).
void SaveJournal(const std::string& path, const UploadJournal& journal);

/// Removes the journal at `path`, if any.
void RemoveJournal(const std::string& path);

}  // namespace ferry::storage
