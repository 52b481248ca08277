#pragma once
/// A sink that hands what it is given to another sink on a background thread, so that two
/// stages of a stream run side by side, like two commands in a shell pipeline.
///
/// Escrow writing uses it between tar (reading, hashing and counting on the caller's thread)
/// and zstd + age (compressing, encrypting and writing on the background thread). Memory is
/// bounded: `depth` blocks of `block_size` bytes, whatever the size of the stream.
///
///     ThreadedSink threaded(zstd);
///     threaded.Write(bytes);  // returns as soon as the bytes are queued
///     threaded.Finish();      // waits for the background thread; rethrows its error

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>

#include "core/archive/byte_stream.hpp"

namespace ferry::archive {

/// Forwards writes to `out` on a background thread, in order.
class ThreadedSink : public ByteSink {
 public:
  /// Starts the thread. `out` must outlive this object and is used only by that thread
  /// until Finish() returns.
  explicit ThreadedSink(ByteSink& out, std::size_t block_size = 1 << 20, std::size_t depth = 4);
  /// Stops the thread, dropping what is still queued (after a failure elsewhere).
  ~ThreadedSink() override;
  ThreadedSink(const ThreadedSink&) = delete;
  ThreadedSink& operator=(const ThreadedSink&) = delete;
  /// Queues `bytes`, waiting while the queue is full. Rethrows an error of the background
  /// thread as soon as it is seen.
  void Write(ByteSpan bytes) override;
  /// Queues what is left and waits until `out` has it all; rethrows the background error.
  void Finish();

 private:
  void Run();
  void Push();
  void RethrowIfFailed();
  ByteSink& out_;
  std::size_t block_size_;
  std::size_t depth_;
  Bytes current_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Bytes> full_;   ///< blocks waiting for the background thread
  std::deque<Bytes> empty_;  ///< spent blocks to refill
  std::exception_ptr error_;
  bool closing_ = false;
  bool finished_ = false;
  std::thread thread_;
};

}  // namespace ferry::archive
