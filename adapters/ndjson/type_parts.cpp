#include "adapters/ndjson/type_parts.hpp"

#include "core/common/error.hpp"

namespace ferry::ndjson {

TypeParts::TypeParts(std::filesystem::path dir, std::string resource_type, FileLimits limits,
                     std::map<std::uint32_t, FileLength> restored)
    : dir_(std::move(dir)),
      resource_type_(std::move(resource_type)),
      limits_(std::move(limits)),
      parts_(std::move(restored)),
      current_(parts_.empty() ? limits_.FirstPart() : parts_.rbegin()->first) {}

bool TypeParts::Append(std::string_view line) {
  bool created = file_ ? false : OpenCurrent();
  if (MustRoll(limits_, file_->bytes(), file_->lines(), line.size() + 1)) {
    file_->Sync();  // a closed part is never touched again: make it durable now
    parts_[current_] = {file_->bytes(), file_->lines()};
    file_.reset();
    if (current_ >= kMaxPart) {
      throw IoError("more than " + std::to_string(kMaxPart) + " files of " + resource_type_ + " in " +
                    dir_.string() + "; raise max_file_bytes or max_file_resources");
    }
    ++current_;
    created = OpenCurrent() || created;
  }
  file_->AppendLine(line);
  return created;
}

void TypeParts::Flush() {
  if (file_) file_->Flush();
}

void TypeParts::Sync() {
  if (file_) file_->Sync();
}

void TypeParts::AddLengths(std::map<std::string, FileLength>& lengths) const {
  for (const auto& [part, length] : parts_) lengths[PartFileName(resource_type_, part)] = length;
  if (file_) lengths[PartFileName(resource_type_, current_)] = {file_->bytes(), file_->lines()};
}

bool TypeParts::OpenCurrent() {
  std::filesystem::path path = dir_ / PartFileName(resource_type_, current_);
  bool created = !std::filesystem::exists(path);
  FileLength start = parts_.count(current_) ? parts_.at(current_) : FileLength{};
  file_ = std::make_unique<OutputFile>(path.string(), start.bytes, start.lines);
  return created;
}

}  // namespace ferry::ndjson
