// Streams and events. The emulator executes every call synchronously, so a stream is always idle
// and an event completes when it is recorded; events still keep real timestamps for cuEventElapsedTime.
#include "emu_state.hpp"

using emu::state;

namespace {
constexpr unsigned kEventDisableTiming = 2;
typedef void (*StreamCallback)(CUstream stream, CUresult status, void* userData);
}  // namespace

CUEMU_API CUresult cuStreamCreate(CUstream* stream, unsigned int flags) {
  if (stream == nullptr || flags > 1) return CUDA_ERROR_INVALID_VALUE;
  auto& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  CUctx_st* ctx = emu::current();
  if (ctx == nullptr) return CUDA_ERROR_INVALID_CONTEXT;
  auto* created = new CUstream_st{ctx, flags};
  s.streams.insert(created);
  *stream = created;
  return CUDA_SUCCESS;
}

CUEMU_API CUresult cuStreamCreateWithPriority(CUstream* stream, unsigned int flags, int /*priority*/) {
  return cuStreamCreate(stream, flags);
}

CUEMU_API CUresult cuStreamDestroy_v2(CUstream stream) {
  auto& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  if (s.streams.erase(stream) == 0) return CUDA_ERROR_INVALID_HANDLE;
  delete stream;
  return CUDA_SUCCESS;
}

CUEMU_API CUresult cuStreamDestroy(CUstream stream) { return cuStreamDestroy_v2(stream); }

CUEMU_API CUresult cuStreamSynchronize(CUstream stream) {
  auto& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  return emu::validStream(stream) ? CUDA_SUCCESS : CUDA_ERROR_INVALID_HANDLE;
}

CUEMU_API CUresult cuStreamQuery(CUstream stream) { return cuStreamSynchronize(stream); }

CUEMU_API CUresult cuStreamWaitEvent(CUstream stream, CUevent event, unsigned int /*flags*/) {
  auto& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  if (!emu::validStream(stream) || s.events.count(event) == 0) return CUDA_ERROR_INVALID_HANDLE;
  return CUDA_SUCCESS;
}

CUEMU_API CUresult cuStreamAddCallback(CUstream stream, StreamCallback callback, void* userData, unsigned int flags) {
  if (callback == nullptr || flags != 0) return CUDA_ERROR_INVALID_VALUE;
  {
    auto& s = state();
    std::lock_guard<std::mutex> lock(s.mutex);
    if (!emu::validStream(stream)) return CUDA_ERROR_INVALID_HANDLE;
  }
  // All earlier work on the stream is done, so the callback runs now (outside the lock: it may call us).
  callback(stream, CUDA_SUCCESS, userData);
  return CUDA_SUCCESS;
}

CUEMU_API CUresult cuEventCreate(CUevent* event, unsigned int flags) {
  if (event == nullptr || flags > 7) return CUDA_ERROR_INVALID_VALUE;
  auto& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  if (emu::current() == nullptr) return CUDA_ERROR_INVALID_CONTEXT;
  auto* created = new CUevent_st{flags};
  s.events.insert(created);
  *event = created;
  return CUDA_SUCCESS;
}

CUEMU_API CUresult cuEventDestroy_v2(CUevent event) {
  auto& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  if (s.events.erase(event) == 0) return CUDA_ERROR_INVALID_HANDLE;
  delete event;
  return CUDA_SUCCESS;
}

CUEMU_API CUresult cuEventDestroy(CUevent event) { return cuEventDestroy_v2(event); }

CUEMU_API CUresult cuEventRecord(CUevent event, CUstream stream) {
  auto& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  if (s.events.count(event) == 0 || !emu::validStream(stream)) return CUDA_ERROR_INVALID_HANDLE;
  event->recorded = true;
  event->when = std::chrono::steady_clock::now();
  return CUDA_SUCCESS;
}

CUEMU_API CUresult cuEventRecordWithFlags(CUevent event, CUstream stream, unsigned int /*flags*/) {
  return cuEventRecord(event, stream);
}

CUEMU_API CUresult cuEventQuery(CUevent event) {
  auto& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  return s.events.count(event) ? CUDA_SUCCESS : CUDA_ERROR_INVALID_HANDLE;
}

CUEMU_API CUresult cuEventSynchronize(CUevent event) { return cuEventQuery(event); }

CUEMU_API CUresult cuEventElapsedTime(float* milliseconds, CUevent start, CUevent end) {
  if (milliseconds == nullptr) return CUDA_ERROR_INVALID_VALUE;
  auto& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  if (s.events.count(start) == 0 || s.events.count(end) == 0) return CUDA_ERROR_INVALID_HANDLE;
  // As documented for the driver: never-recorded or timing-disabled events have no elapsed time.
  if (!start->recorded || !end->recorded) return CUDA_ERROR_INVALID_HANDLE;
  if ((start->flags & kEventDisableTiming) || (end->flags & kEventDisableTiming)) return CUDA_ERROR_INVALID_HANDLE;
  std::chrono::duration<float, std::milli> elapsed = end->when - start->when;
  *milliseconds = elapsed.count();
  return CUDA_SUCCESS;
}
