// The emulator's registry and the introspection exports tests use to prove that nothing leaks.
#include "emu_state.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace emu {

State& state() {
  // Never destroyed: exported calls may still arrive from other libraries' destructors at exit.
  static State* instance = new State();
  return *instance;
}

std::vector<CUctx_st*>& contextStack() {
  thread_local std::vector<CUctx_st*> stack;
  return stack;
}

bool usable(const CUctx_st* ctx) {
  if (ctx == nullptr || ctx->destroyed || state().contexts.count(const_cast<CUctx_st*>(ctx)) == 0) return false;
  return !ctx->primary || ctx->primaryRefCount > 0;
}

CUctx_st* current() {
  auto& stack = contextStack();
  if (stack.empty()) return nullptr;
  return usable(stack.back()) ? stack.back() : nullptr;
}

bool validStream(CUstream stream) {
  // 0 is the default stream, 1 and 2 are CU_STREAM_LEGACY and CU_STREAM_PER_THREAD.
  auto raw = reinterpret_cast<uintptr_t>(stream);
  if (raw <= 2) return true;
  return state().streams.count(stream) != 0;
}

void freeContextResources(CUctx_st* ctx) {
  State& s = state();
  for (auto it = s.allocations.begin(); it != s.allocations.end();) {
    if (it->second.ctx == ctx) {
      if (it->second.kind == AllocationKind::Device) s.liveDeviceBytes -= it->second.size;
      std::free(reinterpret_cast<void*>(it->first));
      it = s.allocations.erase(it);
    } else {
      ++it;
    }
  }
  for (auto it = s.streams.begin(); it != s.streams.end();) {
    if ((*it)->ctx == ctx) { delete *it; it = s.streams.erase(it); } else { ++it; }
  }
  for (auto it = s.modules.begin(); it != s.modules.end();) {
    CUmod_st* module = *it;
    if (module->ctx == ctx) {
      for (auto& entry : module->functions) { s.functions.erase(entry.second); delete entry.second; }
      delete module;
      it = s.modules.erase(it);
    } else {
      ++it;
    }
  }
}

const Allocation* findRange(uintptr_t ptr, size_t length) {
  auto& allocations = state().allocations;
  auto it = allocations.upper_bound(ptr);
  if (it == allocations.begin()) return nullptr;
  --it;
  uintptr_t start = it->first;
  if (ptr < start || ptr - start > it->second.size || length > it->second.size - (ptr - start)) return nullptr;
  return &it->second;
}

void setMessage(const std::string& text) { state().lastMessage = text; }

namespace {
// When OVNI_CUDA_EMU_REPORT names a file, the counters are written there at process exit, so a test
// can prove that a foreign process (the ffmpeg CLI) freed everything it allocated.
__attribute__((destructor)) void writeExitReport() {
  const char* path = std::getenv("OVNI_CUDA_EMU_REPORT");
  if (path == nullptr || *path == '\0') return;
  State& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  FILE* file = std::fopen(path, "w");
  if (file == nullptr) return;
  std::fprintf(file, "initialized=%d\nlive_allocations=%zu\nlive_bytes=%zu\nkernel_launches=%lld\nallocations_made=%lld\n",
               s.initialized ? 1 : 0, s.allocations.size(), s.liveDeviceBytes, s.kernelLaunches, s.allocationsMade);
  std::fclose(file);
}
}  // namespace

}  // namespace emu

// Number of live allocations: device memory plus page-locked host memory.
CUEMU_API long long ovni_emu_live_allocations(void) {
  auto& s = emu::state();
  std::lock_guard<std::mutex> lock(s.mutex);
  return static_cast<long long>(s.allocations.size());
}

// Bytes of live device memory (what cuMemGetInfo subtracts from the total).
CUEMU_API long long ovni_emu_live_bytes(void) {
  auto& s = emu::state();
  std::lock_guard<std::mutex> lock(s.mutex);
  return static_cast<long long>(s.liveDeviceBytes);
}

// Allocations made since load (device and page-locked host), freed or not.
CUEMU_API long long ovni_emu_allocations_made(void) {
  auto& s = emu::state();
  std::lock_guard<std::mutex> lock(s.mutex);
  return s.allocationsMade;
}

CUEMU_API long long ovni_emu_kernel_launches(void) {
  auto& s = emu::state();
  std::lock_guard<std::mutex> lock(s.mutex);
  return s.kernelLaunches;
}

// Copies the emulator's last diagnostic (why a launch or load failed) into buffer; returns its full length.
CUEMU_API int ovni_emu_last_message(char* buffer, int size) {
  auto& s = emu::state();
  std::lock_guard<std::mutex> lock(s.mutex);
  if (buffer != nullptr && size > 0) {
    std::snprintf(buffer, static_cast<size_t>(size), "%s", s.lastMessage.c_str());
  }
  return static_cast<int>(s.lastMessage.size());
}
