#include "core/pipeline/state_writer.hpp"

#include <chrono>
#include <utility>

namespace ferry {

StateWriter::StateWriter(StateStore& state) : state_(state), thread_([this] { Run(); }) {}

StateWriter::~StateWriter() {
  {
    std::unique_lock lock(mutex_);
    WaitIdle(lock);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void StateWriter::Start(BatchCommit batch) {
  {
    std::unique_lock lock(mutex_);
    WaitIdle(lock);
    if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
    job_ = std::move(batch);
  }
  changed_.notify_all();
}

void StateWriter::Wait() {
  std::unique_lock lock(mutex_);
  WaitIdle(lock);
  if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
}

double StateWriter::seconds() {
  std::lock_guard lock(mutex_);
  return seconds_;
}

void StateWriter::WaitIdle(std::unique_lock<std::mutex>& lock) {
  changed_.wait(lock, [this] { return !job_; });
}

void StateWriter::Run() {
  std::unique_lock lock(mutex_);
  while (true) {
    changed_.wait(lock, [this] { return job_ || stopping_; });
    if (!job_) return;  // stopping, and nothing in flight
    lock.unlock();
    auto start = std::chrono::steady_clock::now();
    std::exception_ptr failure;
    try {
      state_.Commit(*job_);  // job_ stays set (so "in flight") until the lock is back
    } catch (...) {
      failure = std::current_exception();
    }
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    lock.lock();
    seconds_ += seconds;
    if (failure) failure_ = failure;
    job_.reset();
    changed_.notify_all();
  }
}

}  // namespace ferry
