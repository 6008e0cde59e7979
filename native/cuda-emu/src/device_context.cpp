// Initialisation, the single emulated device, and contexts (created and primary) with a per-thread
// context stack. Destroying or resetting a context frees what was allocated in it, as the driver does.
#include "emu_state.hpp"

#include <cstdlib>
#include <cstring>
#include <thread>

using emu::state;

namespace {

constexpr const char* kDeviceName = "Ovni CUDA emulator (host memory)";
constexpr int kComputeMajor = 7;
constexpr int kComputeMinor = 5;

size_t configuredVramBytes() {
  const char* text = std::getenv("OVNI_CUDA_EMU_VRAM_MB");
  long long megabytes = text ? std::atoll(text) : 0;
  if (megabytes <= 0) megabytes = 8192;
  return static_cast<size_t>(megabytes) * 1024 * 1024;
}

CUresult checkDevice(CUdevice dev) {
  if (!state().initialized) return CUDA_ERROR_NOT_INITIALIZED;
  return dev == 0 ? CUDA_SUCCESS : CUDA_ERROR_INVALID_DEVICE;
}

int attributeValue(int attribute) {
  switch (attribute) {
    case 1: return 1024;          // MAX_THREADS_PER_BLOCK
    case 2: return 1024;          // MAX_BLOCK_DIM_X
    case 3: return 1024;          // MAX_BLOCK_DIM_Y
    case 4: return 64;            // MAX_BLOCK_DIM_Z
    case 5: return 2147483647;    // MAX_GRID_DIM_X
    case 6: return 65535;         // MAX_GRID_DIM_Y
    case 7: return 65535;         // MAX_GRID_DIM_Z
    case 8: return 49152;         // MAX_SHARED_MEMORY_PER_BLOCK
    case 9: return 65536;         // TOTAL_CONSTANT_MEMORY
    case 10: return 32;           // WARP_SIZE
    case 11: return 2147483647;   // MAX_PITCH
    case 12: return 65536;        // MAX_REGISTERS_PER_BLOCK
    case 13: return 1000000;      // CLOCK_RATE (kHz)
    case 14: return static_cast<int>(emu::kPitchAlignment);  // TEXTURE_ALIGNMENT
    case 15: return 1;            // GPU_OVERLAP
    case 16: {                    // MULTIPROCESSOR_COUNT
      unsigned cores = std::thread::hardware_concurrency();
      return cores == 0 ? 1 : static_cast<int>(cores);
    }
    case 19: return 1;            // CAN_MAP_HOST_MEMORY
    case 39: return 2048;         // MAX_THREADS_PER_MULTIPROCESSOR
    case 40: return 1;            // ASYNC_ENGINE_COUNT
    case 41: return 1;            // UNIFIED_ADDRESSING
    case 51: return 32;           // TEXTURE_PITCH_ALIGNMENT
    case 75: return kComputeMajor;
    case 76: return kComputeMinor;
    case 83: return 1;            // MANAGED_MEMORY
    default: return 0;
  }
}

void popIfTop(CUctx_st* ctx) {
  auto& stack = emu::contextStack();
  if (!stack.empty() && stack.back() == ctx) stack.pop_back();
}

}  // namespace

CUEMU_API CUresult cuInit(unsigned int flags) {
  if (flags != 0) return CUDA_ERROR_INVALID_VALUE;
  // Lets tests exercise the "driver present, no usable device" path.
  const char* fail = std::getenv("OVNI_CUDA_EMU_FAIL_INIT");
  if (fail != nullptr && std::strcmp(fail, "1") == 0) return CUDA_ERROR_NO_DEVICE;
  auto& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  if (!s.initialized) {
    s.totalBytes = configuredVramBytes();
    s.primary = new CUctx_st();
    s.primary->primary = true;
    s.contexts.insert(s.primary);
    s.initialized = true;
  }
  return CUDA_SUCCESS;
}

CUEMU_API CUresult cuDriverGetVersion(int* version) {
  if (version == nullptr) return CUDA_ERROR_INVALID_VALUE;
  *version = 12000;
  return CUDA_SUCCESS;
}

CUEMU_API CUresult cuDeviceGetCount(int* count) {
  if (count == nullptr) return CUDA_ERROR_INVALID_VALUE;
  if (!state().initialized) return CUDA_ERROR_NOT_INITIALIZED;
  *count = 1;
  return CUDA_SUCCESS;
}

CUEMU_API CUresult cuDeviceGet(CUdevice* device, int ordinal) {
  if (device == nullptr) return CUDA_ERROR_INVALID_VALUE;
  CUresult status = checkDevice(ordinal);
  if (status == CUDA_SUCCESS) *device = ordinal;
  return status;
}

CUEMU_API CUresult cuDeviceGetName(char* name, int length, CUdevice dev) {
  if (name == nullptr || length <= 0) return CUDA_ERROR_INVALID_VALUE;
  CUresult status = checkDevice(dev);
  if (status != CUDA_SUCCESS) return status;
  std::strncpy(name, kDeviceName, static_cast<size_t>(length) - 1);
  name[length - 1] = '\0';
  return CUDA_SUCCESS;
}

CUEMU_API CUresult cuDeviceGetAttribute(int* value, int attribute, CUdevice dev) {
  if (value == nullptr || attribute <= 0 || attribute > 200) return CUDA_ERROR_INVALID_VALUE;
  CUresult status = checkDevice(dev);
  if (status == CUDA_SUCCESS) *value = attributeValue(attribute);
  return status;
}

CUEMU_API CUresult cuDeviceComputeCapability(int* major, int* minor, CUdevice dev) {
  if (major == nullptr || minor == nullptr) return CUDA_ERROR_INVALID_VALUE;
  CUresult status = checkDevice(dev);
  if (status != CUDA_SUCCESS) return status;
  *major = kComputeMajor;
  *minor = kComputeMinor;
  return CUDA_SUCCESS;
}

CUEMU_API CUresult cuDeviceTotalMem_v2(size_t* bytes, CUdevice dev) {
  if (bytes == nullptr) return CUDA_ERROR_INVALID_VALUE;
  CUresult status = checkDevice(dev);
  if (status == CUDA_SUCCESS) *bytes = state().totalBytes;
  return status;
}

CUEMU_API CUresult cuDeviceTotalMem(size_t* bytes, CUdevice dev) { return cuDeviceTotalMem_v2(bytes, dev); }

CUEMU_API CUresult cuDeviceGetUuid(CUuuid* uuid, CUdevice dev) {
  if (uuid == nullptr) return CUDA_ERROR_INVALID_VALUE;
  CUresult status = checkDevice(dev);
  if (status != CUDA_SUCCESS) return status;
  static const char kUuid[16] = {'o', 'v', 'n', 'i', '-', 'c', 'u', 'd', 'a', '-', 'e', 'm', 'u', 0, 0, 1};
  std::memcpy(uuid->bytes, kUuid, sizeof(kUuid));
  return CUDA_SUCCESS;
}

CUEMU_API CUresult cuDeviceGetUuid_v2(CUuuid* uuid, CUdevice dev) { return cuDeviceGetUuid(uuid, dev); }

CUEMU_API CUresult cuDevicePrimaryCtxRetain(CUcontext* pctx, CUdevice dev) {
  if (pctx == nullptr) return CUDA_ERROR_INVALID_VALUE;
  auto& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  CUresult status = checkDevice(dev);
  if (status != CUDA_SUCCESS) return status;
  s.primary->primaryRefCount++;
  *pctx = s.primary;
  return CUDA_SUCCESS;
}

CUEMU_API CUresult cuDevicePrimaryCtxRelease(CUdevice dev) {
  auto& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  CUresult status = checkDevice(dev);
  if (status != CUDA_SUCCESS) return status;
  if (s.primary->primaryRefCount <= 0) return CUDA_ERROR_INVALID_CONTEXT;
  if (--s.primary->primaryRefCount == 0) emu::freeContextResources(s.primary);
  return CUDA_SUCCESS;
}

CUEMU_API CUresult cuDevicePrimaryCtxRelease_v2(CUdevice dev) { return cuDevicePrimaryCtxRelease(dev); }

CUEMU_API CUresult cuDevicePrimaryCtxSetFlags(CUdevice dev, unsigned int flags) {
  auto& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  CUresult status = checkDevice(dev);
  if (status == CUDA_SUCCESS) s.primary->flags = flags;
  return status;
}

CUEMU_API CUresult cuDevicePrimaryCtxSetFlags_v2(CUdevice dev, unsigned int flags) {
  return cuDevicePrimaryCtxSetFlags(dev, flags);
}

CUEMU_API CUresult cuDevicePrimaryCtxGetState(CUdevice dev, unsigned int* flags, int* active) {
  if (flags == nullptr || active == nullptr) return CUDA_ERROR_INVALID_VALUE;
  auto& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  CUresult status = checkDevice(dev);
  if (status != CUDA_SUCCESS) return status;
  *flags = s.primary->flags;
  *active = s.primary->primaryRefCount > 0 ? 1 : 0;
  return CUDA_SUCCESS;
}

CUEMU_API CUresult cuDevicePrimaryCtxReset(CUdevice dev) {
  auto& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  CUresult status = checkDevice(dev);
  if (status != CUDA_SUCCESS) return status;
  emu::freeContextResources(s.primary);
  s.primary->primaryRefCount = 0;
  return CUDA_SUCCESS;
}

CUEMU_API CUresult cuDevicePrimaryCtxReset_v2(CUdevice dev) { return cuDevicePrimaryCtxReset(dev); }

CUEMU_API CUresult cuCtxCreate_v2(CUcontext* pctx, unsigned int flags, CUdevice dev) {
  if (pctx == nullptr) return CUDA_ERROR_INVALID_VALUE;
  auto& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  CUresult status = checkDevice(dev);
  if (status != CUDA_SUCCESS) return status;
  auto* ctx = new CUctx_st();
  ctx->device = dev;
  ctx->flags = flags;
  s.contexts.insert(ctx);
  emu::contextStack().push_back(ctx);  // a new context is made current, as the driver does
  *pctx = ctx;
  return CUDA_SUCCESS;
}

CUEMU_API CUresult cuCtxDestroy_v2(CUcontext ctx) {
  auto& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  if (ctx == nullptr || ctx->primary || ctx->destroyed || s.contexts.count(ctx) == 0) return CUDA_ERROR_INVALID_CONTEXT;
  emu::freeContextResources(ctx);
  ctx->destroyed = true;
  s.contexts.erase(ctx);
  popIfTop(ctx);
  return CUDA_SUCCESS;
}

CUEMU_API CUresult cuCtxPushCurrent_v2(CUcontext ctx) {
  auto& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  if (!emu::usable(ctx)) return CUDA_ERROR_INVALID_CONTEXT;
  emu::contextStack().push_back(ctx);
  return CUDA_SUCCESS;
}

CUEMU_API CUresult cuCtxPopCurrent_v2(CUcontext* pctx) {
  auto& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  auto& stack = emu::contextStack();
  if (stack.empty()) return CUDA_ERROR_INVALID_CONTEXT;
  if (pctx != nullptr) *pctx = stack.back();
  stack.pop_back();
  return CUDA_SUCCESS;
}

CUEMU_API CUresult cuCtxGetCurrent(CUcontext* pctx) {
  if (pctx == nullptr) return CUDA_ERROR_INVALID_VALUE;
  auto& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  auto& stack = emu::contextStack();
  *pctx = stack.empty() ? nullptr : stack.back();
  return CUDA_SUCCESS;
}

CUEMU_API CUresult cuCtxSetCurrent(CUcontext ctx) {
  auto& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  auto& stack = emu::contextStack();
  if (ctx == nullptr) {
    if (!stack.empty()) stack.pop_back();
    return CUDA_SUCCESS;
  }
  if (!emu::usable(ctx)) return CUDA_ERROR_INVALID_CONTEXT;
  if (stack.empty()) stack.push_back(ctx); else stack.back() = ctx;
  return CUDA_SUCCESS;
}

CUEMU_API CUresult cuCtxGetDevice(CUdevice* device) {
  if (device == nullptr) return CUDA_ERROR_INVALID_VALUE;
  auto& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  CUctx_st* ctx = emu::current();
  if (ctx == nullptr) return CUDA_ERROR_INVALID_CONTEXT;
  *device = ctx->device;
  return CUDA_SUCCESS;
}

CUEMU_API CUresult cuCtxSynchronize(void) {
  auto& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  return emu::current() ? CUDA_SUCCESS : CUDA_ERROR_INVALID_CONTEXT;
}

CUEMU_API CUresult cuCtxSetLimit(int /*limit*/, size_t /*value*/) {
  auto& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  return emu::current() ? CUDA_SUCCESS : CUDA_ERROR_INVALID_CONTEXT;
}

CUEMU_API CUresult cuCtxGetApiVersion(CUcontext ctx, unsigned int* version) {
  if (version == nullptr) return CUDA_ERROR_INVALID_VALUE;
  auto& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  if (ctx != nullptr && !emu::usable(ctx)) return CUDA_ERROR_INVALID_CONTEXT;
  *version = 3020;
  return CUDA_SUCCESS;
}
