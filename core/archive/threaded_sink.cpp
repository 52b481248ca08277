#include "core/archive/threaded_sink.hpp"

#include <algorithm>

namespace ferry::archive {

ThreadedSink::ThreadedSink(ByteSink& out, std::size_t block_size, std::size_t depth)
    : out_(out), block_size_(block_size), depth_(depth) {
  current_.reserve(block_size_);
  thread_ = std::thread([this] { Run(); });
}

ThreadedSink::~ThreadedSink() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    closing_ = true;
    full_.clear();
  }
  changed_.notify_all();
  thread_.join();
}

void ThreadedSink::Write(ByteSpan bytes) {
  while (!bytes.empty()) {
    std::size_t take = std::min(bytes.size(), block_size_ - current_.size());
    current_.insert(current_.end(), bytes.begin(),
                    bytes.begin() + static_cast<std::ptrdiff_t>(take));
    bytes = bytes.subspan(take);
    if (current_.size() == block_size_) Push();
  }
}

void ThreadedSink::Finish() {
  if (!current_.empty()) Push();
  {
    std::unique_lock<std::mutex> lock(mutex_);
    closing_ = true;
    changed_.notify_all();
    changed_.wait(lock, [this] { return finished_; });
  }
  RethrowIfFailed();
}

void ThreadedSink::Push() {
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [this] { return full_.size() < depth_ || error_; });
  if (error_) std::rethrow_exception(error_);
  full_.push_back(std::move(current_));
  if (!empty_.empty()) {
    current_ = std::move(empty_.front());
    empty_.pop_front();
  } else {
    current_ = Bytes();
    current_.reserve(block_size_);
  }
  current_.clear();
  changed_.notify_all();
}

void ThreadedSink::RethrowIfFailed() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (error_) std::rethrow_exception(error_);
}

void ThreadedSink::Run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    changed_.wait(lock, [this] { return !full_.empty() || closing_; });
    if (full_.empty() || error_) break;  // closing with nothing left, or failed
    Bytes block = std::move(full_.front());
    full_.pop_front();
    lock.unlock();
    try {
      out_.Write(block);
    } catch (...) {
      lock.lock();
      error_ = std::current_exception();
      changed_.notify_all();
      break;
    }
    lock.lock();
    empty_.push_back(std::move(block));
    changed_.notify_all();
  }
  finished_ = true;
  changed_.notify_all();
}

}  // namespace ferry::archive
