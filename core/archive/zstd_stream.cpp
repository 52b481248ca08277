#include "core/archive/zstd_stream.hpp"

#include <zstd.h>

#include <stdexcept>
#include <string>

#include "core/archive/archive_error.hpp"

namespace ferry::archive {
namespace {

void CheckZstd(std::size_t result, const char* what) {
  if (ZSTD_isError(result)) {
    throw std::runtime_error(std::string("zstd ") + what + " failed: " + ZSTD_getErrorName(result));
  }
}

}  // namespace

ZstdCompressor::ZstdCompressor(ByteSink& out, const ZstdOptions& options)
    : out_(out), ctx_(ZSTD_createCCtx()), buffer_(ZSTD_CStreamOutSize()) {
  if (!ctx_) throw std::runtime_error("zstd: out of memory");
  CheckZstd(ZSTD_CCtx_setParameter(ctx_, ZSTD_c_compressionLevel, options.level), "level");
  CheckZstd(ZSTD_CCtx_setParameter(ctx_, ZSTD_c_checksumFlag, 1), "checksum");  // as `zstd` does
  if (options.workers > 0) {
    // A libzstd built without threads refuses; then it compresses on this thread.
    ZSTD_CCtx_setParameter(ctx_, ZSTD_c_nbWorkers, options.workers);
  }
}

ZstdCompressor::~ZstdCompressor() { ZSTD_freeCCtx(ctx_); }

void ZstdCompressor::Write(ByteSpan bytes) { Compress(bytes, false); }

void ZstdCompressor::Finish() { Compress({}, true); }

void ZstdCompressor::Compress(ByteSpan bytes, bool end) {
  ZSTD_inBuffer input{bytes.data(), bytes.size(), 0};
  bool done = false;
  while (!done) {
    ZSTD_outBuffer output{buffer_.data(), buffer_.size(), 0};
    std::size_t left =
        ZSTD_compressStream2(ctx_, &output, &input, end ? ZSTD_e_end : ZSTD_e_continue);
    CheckZstd(left, "compression");
    if (output.pos > 0) out_.Write(ByteSpan(buffer_.data(), output.pos));
    done = end ? left == 0 : input.pos == input.size;
  }
}

ZstdDecompressor::ZstdDecompressor(ByteSource& in)
    : in_(in), ctx_(ZSTD_createDCtx()), buffer_(ZSTD_DStreamInSize()) {
  if (!ctx_) throw std::runtime_error("zstd: out of memory");
}

ZstdDecompressor::~ZstdDecompressor() { ZSTD_freeDCtx(ctx_); }

std::size_t ZstdDecompressor::Read(MutableByteSpan out) {
  if (out.empty()) return 0;
  while (true) {
    if (begin_ == end_ && !input_ended_) {
      begin_ = 0;
      end_ = in_.Read(buffer_);
      input_ended_ = end_ == 0;
      started_ = started_ || end_ > 0;
    }
    ZSTD_inBuffer input{buffer_.data(), end_, begin_};
    ZSTD_outBuffer output{out.data(), out.size(), 0};
    std::size_t hint = ZSTD_decompressStream(ctx_, &output, &input);
    if (ZSTD_isError(hint)) {
      throw ArchiveError(std::string("archive is corrupted: the zstd stream is invalid (") +
                         ZSTD_getErrorName(hint) + ")");
    }
    // Called again after a frame ended, libzstd hints at the next frame's header: keep the
    // hint of the last call that made progress.
    if (input.pos > begin_ || output.pos > 0) frame_left_ = hint;
    begin_ = input.pos;
    if (output.pos > 0) return output.pos;
    if (begin_ == end_ && input_ended_) {
      if (!started_) throw ArchiveError("archive is corrupted: the zstd stream is empty");
      if (frame_left_ != 0)
        throw ArchiveError("archive is corrupted: the zstd stream ends inside a frame");
      return 0;
    }
  }
}

}  // namespace ferry::archive
