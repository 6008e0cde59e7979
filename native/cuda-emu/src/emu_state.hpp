// Shared state of the libcuda emulator: the driver's types (our own minimal declarations of the
// documented ABI), error codes, and the one registry of contexts, allocations, streams, events and
// modules guarded by one mutex. Every exported call validates its handles against this registry, so a
// stale or foreign handle yields an error code instead of a crash, like the real driver.
#pragma once

#include <cstddef>
#include <cstdint>
#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#define CUEMU_API extern "C" __attribute__((visibility("default")))

typedef int CUresult;
typedef int CUdevice;
typedef unsigned long long CUdeviceptr;

enum : int {
  CUDA_SUCCESS = 0,
  CUDA_ERROR_INVALID_VALUE = 1,
  CUDA_ERROR_OUT_OF_MEMORY = 2,
  CUDA_ERROR_NOT_INITIALIZED = 3,
  CUDA_ERROR_NO_DEVICE = 100,
  CUDA_ERROR_INVALID_DEVICE = 101,
  CUDA_ERROR_INVALID_IMAGE = 200,
  CUDA_ERROR_INVALID_CONTEXT = 201,
  CUDA_ERROR_INVALID_PTX = 218,
  CUDA_ERROR_SHARED_OBJECT_SYMBOL_NOT_FOUND = 302,
  CUDA_ERROR_SHARED_OBJECT_INIT_FAILED = 303,
  CUDA_ERROR_INVALID_HANDLE = 400,
  CUDA_ERROR_NOT_FOUND = 500,
  CUDA_ERROR_NOT_READY = 600,
  CUDA_ERROR_LAUNCH_FAILED = 719,
  CUDA_ERROR_NOT_SUPPORTED = 801,
  CUDA_ERROR_UNKNOWN = 999,
};

enum : unsigned { CU_MEMORYTYPE_HOST = 1, CU_MEMORYTYPE_DEVICE = 2, CU_MEMORYTYPE_ARRAY = 3, CU_MEMORYTYPE_UNIFIED = 4 };

struct CUDA_MEMCPY2D {
  size_t srcXInBytes, srcY;
  unsigned srcMemoryType;
  const void* srcHost;
  CUdeviceptr srcDevice;
  void* srcArray;
  size_t srcPitch;
  size_t dstXInBytes, dstY;
  unsigned dstMemoryType;
  void* dstHost;
  CUdeviceptr dstDevice;
  void* dstArray;
  size_t dstPitch;
  size_t WidthInBytes, Height;
};

struct CUuuid { char bytes[16]; };

struct CUctx_st {
  CUdevice device = 0;
  unsigned flags = 0;
  bool primary = false;
  int primaryRefCount = 0;  // primary contexts are usable only while retained
  bool destroyed = false;   // objects are never deleted, so a stale handle is detected, not dereferenced as freed memory
};
struct CUstream_st { CUctx_st* ctx; unsigned flags; };
struct CUevent_st {
  unsigned flags;
  bool recorded = false;
  std::chrono::steady_clock::time_point when{};
};
struct CUmod_st;
struct CUfunc_st { CUmod_st* module; std::string entry; };
struct CUmod_st {
  CUctx_st* ctx;
  std::vector<std::string> entries;
  std::map<std::string, CUfunc_st*> functions;
};
typedef CUctx_st* CUcontext;
typedef CUstream_st* CUstream;
typedef CUevent_st* CUevent;
typedef CUmod_st* CUmodule;
typedef CUfunc_st* CUfunction;

namespace emu {

// Rows of device memory are padded to this many bytes by cuMemAllocPitch, as on real GPUs.
constexpr size_t kPitchAlignment = 512;
// Every allocation starts on this boundary (the driver guarantees at least 256).
constexpr size_t kAllocationAlignment = 256;

enum class AllocationKind { Device, PinnedHost };

struct Allocation {
  size_t size;
  CUctx_st* ctx;
  AllocationKind kind;
};

struct State {
  std::mutex mutex;
  bool initialized = false;
  size_t totalBytes = 0;
  size_t liveDeviceBytes = 0;
  long long kernelLaunches = 0;
  long long allocationsMade = 0;  // ever, so a test can tell that work really went through the emulator
  std::map<uintptr_t, Allocation> allocations;  // keyed by start address, for range look-ups
  std::set<CUctx_st*> contexts;
  CUctx_st* primary = nullptr;
  std::set<CUstream_st*> streams;
  std::set<CUevent_st*> events;
  std::set<CUmod_st*> modules;
  std::set<CUfunc_st*> functions;
  std::string lastMessage;
};

State& state();

// Per-thread context stack (cuCtxPush/Pop), as the driver keeps one per host thread.
std::vector<CUctx_st*>& contextStack();

bool usable(const CUctx_st* ctx);          // caller holds the mutex
CUctx_st* current();                        // usable top of this thread's stack or null; caller holds the mutex
bool validStream(CUstream stream);          // caller holds the mutex; null and the legacy/per-thread handles are valid
void freeContextResources(CUctx_st* ctx);   // caller holds the mutex

// Finds the allocation holding [ptr, ptr+length); null if none does.
const Allocation* findRange(uintptr_t ptr, size_t length);  // caller holds the mutex

void setMessage(const std::string& text);   // caller holds the mutex

}  // namespace emu
