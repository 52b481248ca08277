#pragma once
/// Streaming zstd compression and decompression (libzstd), as a sink and a source.
///
/// The output is the standard zstd frame format, so `zstd -d` reads what ZstdCompressor
/// writes and ZstdDecompressor reads what `zstd` writes (several concatenated frames too).
/// Memory is libzstd's streaming buffers and window: bounded, whatever the input size.
///
///     ZstdCompressor zstd(next_sink, ZstdOptions{.level = 3, .workers = 1});
///     zstd.Write(bytes);
///     zstd.Finish();

#include "core/archive/byte_stream.hpp"

struct ZSTD_CCtx_s;
struct ZSTD_DCtx_s;

namespace ferry::archive {

/// How to compress.
struct ZstdOptions {
  int level = 3;    ///< zstd level (3 is the `zstd` tool's default)
  int workers = 0;  ///< background compression threads; 0 compresses on the caller's thread
};

/// Compresses what it is given into one zstd frame written to a sink.
class ZstdCompressor : public ByteSink {
 public:
  /// Writes to `out`, which must outlive this object.
  explicit ZstdCompressor(ByteSink& out, const ZstdOptions& options = {});
  ~ZstdCompressor() override;
  ZstdCompressor(const ZstdCompressor&) = delete;
  ZstdCompressor& operator=(const ZstdCompressor&) = delete;
  void Write(ByteSpan bytes) override;
  /// Ends the frame and writes what is left.
  void Finish();

 private:
  void Compress(ByteSpan bytes, bool end);
  ByteSink& out_;
  ZSTD_CCtx_s* ctx_;
  Bytes buffer_;
};

/// Decompresses zstd frames read from a source.
class ZstdDecompressor : public ByteSource {
 public:
  /// Reads from `in`, which must outlive this object.
  explicit ZstdDecompressor(ByteSource& in);
  ~ZstdDecompressor() override;
  ZstdDecompressor(const ZstdDecompressor&) = delete;
  ZstdDecompressor& operator=(const ZstdDecompressor&) = delete;
  /// Decompressed bytes; 0 at the end. Throws ArchiveError for an invalid stream or one
  /// that ends inside a frame.
  std::size_t Read(MutableByteSpan out) override;

 private:
  ByteSource& in_;
  ZSTD_DCtx_s* ctx_;
  Bytes buffer_;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  std::size_t frame_left_ = 0;  ///< libzstd's hint: 0 once a frame is complete
  bool started_ = false;
  bool input_ended_ = false;
};

}  // namespace ferry::archive
