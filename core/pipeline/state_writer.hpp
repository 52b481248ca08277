#pragma once
/// Commits to the state (StateStore::Commit) on a thread of its own, one BatchCommit at a
/// time and in order, so that the committer goes on with the next batches while SQLite
/// writes: the SQLite work of a durable commit then no longer stalls the pipeline.
///
/// At most one commit is in flight. Nothing else may use the StateStore while one is:
/// call Wait() first. A failed commit's exception comes back from the next Start or Wait.
///
///     StateWriter writer(state);
///     writer.Start(std::move(batch_commit));  // returns at once
///     ...                                     // more sink writes meanwhile
///     writer.Wait();                          // durable now (or throws why not)

#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

#include "core/state/state_store.hpp"

namespace ferry {

class StateWriter {
 public:
  explicit StateWriter(StateStore& state);
  /// Waits for the commit in flight (its failure, if any, is dropped), then stops.
  ~StateWriter();
  StateWriter(const StateWriter&) = delete;
  StateWriter& operator=(const StateWriter&) = delete;

  /// Waits for the commit in flight (rethrowing its failure), then starts committing `batch`.
  void Start(BatchCommit batch);
  /// Returns once no commit is in flight; rethrows the failure of the last one.
  void Wait();
  /// Seconds spent committing so far (on the writer's thread).
  double seconds();

 private:
  void Run();
  /// Waits while a commit is in flight (the lock is held on return).
  void WaitIdle(std::unique_lock<std::mutex>& lock);

  StateStore& state_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::optional<BatchCommit> job_;  ///< the commit in flight
  bool stopping_ = false;
  std::exception_ptr failure_;
  double seconds_ = 0;
  std::thread thread_;  ///< last: starts once the members above are ready
};

}  // namespace ferry
