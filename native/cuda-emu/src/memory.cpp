// Device memory lives in host memory: a CUdeviceptr is the host address of the block, so the
// host-compiled kernels can use it directly. Every call checks that the device ranges it touches lie
// inside one live allocation (interior pointers are fine: FFmpeg addresses planes by offset).
#include "emu_state.hpp"

#include <cstdlib>
#include <cstring>

using emu::state;

namespace {

size_t roundUp(size_t value, size_t multiple) { return (value + multiple - 1) / multiple * multiple; }

CUresult allocate(void** out, size_t bytes, emu::AllocationKind kind) {
  if (out == nullptr || bytes == 0) return CUDA_ERROR_INVALID_VALUE;
  auto& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  CUctx_st* ctx = emu::current();
  if (ctx == nullptr) return CUDA_ERROR_INVALID_CONTEXT;
  size_t rounded = roundUp(bytes, emu::kAllocationAlignment);
  if (kind == emu::AllocationKind::Device && rounded > s.totalBytes - s.liveDeviceBytes) return CUDA_ERROR_OUT_OF_MEMORY;
  void* block = std::aligned_alloc(emu::kAllocationAlignment, rounded);
  if (block == nullptr) return CUDA_ERROR_OUT_OF_MEMORY;
  s.allocations[reinterpret_cast<uintptr_t>(block)] = emu::Allocation{rounded, ctx, kind};
  if (kind == emu::AllocationKind::Device) s.liveDeviceBytes += rounded;
  s.allocationsMade++;
  *out = block;
  return CUDA_SUCCESS;
}

CUresult release(uintptr_t address, emu::AllocationKind kind) {
  auto& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  auto it = s.allocations.find(address);
  if (it == s.allocations.end() || it->second.kind != kind) return CUDA_ERROR_INVALID_VALUE;
  if (kind == emu::AllocationKind::Device) s.liveDeviceBytes -= it->second.size;
  s.allocations.erase(it);
  std::free(reinterpret_cast<void*>(address));
  return CUDA_SUCCESS;
}

// True when [ptr, ptr+length) lies in live device memory (or, for unified addressing, in any live block).
bool deviceRange(CUdeviceptr ptr, size_t length, bool acceptPinnedHost) {
  const emu::Allocation* allocation = emu::findRange(static_cast<uintptr_t>(ptr), length);
  return allocation != nullptr && (acceptPinnedHost || allocation->kind == emu::AllocationKind::Device);
}

// Byte span touched by a pitched region: full rows except the last, which ends at its width.
size_t regionSpan(size_t pitch, size_t width, size_t height) { return height == 0 ? 0 : (height - 1) * pitch + width; }

// Resolves one side of a 2-D copy to a host address after validating it.
CUresult resolveSide(unsigned memoryType, const void* host, CUdeviceptr device, size_t x, size_t y, size_t pitch,
                     size_t width, size_t height, unsigned char** out) {
  if (height > 1 && pitch < width) return CUDA_ERROR_INVALID_VALUE;
  size_t offset = y * pitch + x;
  size_t span = regionSpan(pitch, width, height);
  switch (memoryType) {
    case CU_MEMORYTYPE_HOST:
      if (host == nullptr) return CUDA_ERROR_INVALID_VALUE;
      *out = const_cast<unsigned char*>(static_cast<const unsigned char*>(host)) + offset;
      return CUDA_SUCCESS;
    case CU_MEMORYTYPE_DEVICE:
      if (!deviceRange(device + offset, span, false)) return CUDA_ERROR_INVALID_VALUE;
      *out = reinterpret_cast<unsigned char*>(static_cast<uintptr_t>(device)) + offset;
      return CUDA_SUCCESS;
    case CU_MEMORYTYPE_UNIFIED:
      // A unified pointer may be device or host memory; only a device address can be checked.
      if (device == 0) return CUDA_ERROR_INVALID_VALUE;
      *out = reinterpret_cast<unsigned char*>(static_cast<uintptr_t>(device)) + offset;
      return CUDA_SUCCESS;
    case CU_MEMORYTYPE_ARRAY:
      return CUDA_ERROR_NOT_SUPPORTED;
    default:
      return CUDA_ERROR_INVALID_VALUE;
  }
}

CUresult copy2D(const CUDA_MEMCPY2D* copy, CUstream stream) {
  if (copy == nullptr) return CUDA_ERROR_INVALID_VALUE;
  unsigned char* source = nullptr;
  unsigned char* destination = nullptr;
  {
    auto& s = state();
    std::lock_guard<std::mutex> lock(s.mutex);
    if (!emu::validStream(stream)) return CUDA_ERROR_INVALID_HANDLE;
    CUresult status = resolveSide(copy->srcMemoryType, copy->srcHost, copy->srcDevice, copy->srcXInBytes, copy->srcY,
                                  copy->srcPitch, copy->WidthInBytes, copy->Height, &source);
    if (status != CUDA_SUCCESS) return status;
    status = resolveSide(copy->dstMemoryType, copy->dstHost, copy->dstDevice, copy->dstXInBytes, copy->dstY,
                         copy->dstPitch, copy->WidthInBytes, copy->Height, &destination);
    if (status != CUDA_SUCCESS) return status;
  }
  // Execution is synchronous: an "async" copy has finished when the call returns.
  for (size_t row = 0; row < copy->Height; ++row) {
    std::memmove(destination + row * copy->dstPitch, source + row * copy->srcPitch, copy->WidthInBytes);
  }
  return CUDA_SUCCESS;
}

enum class Side { Host, Device, Any };

CUresult copyLinear(uintptr_t dst, Side dstSide, uintptr_t src, Side srcSide, size_t bytes, CUstream stream) {
  if (bytes == 0) return CUDA_SUCCESS;
  {
    auto& s = state();
    std::lock_guard<std::mutex> lock(s.mutex);
    if (!emu::validStream(stream)) return CUDA_ERROR_INVALID_HANDLE;
    auto check = [&](uintptr_t ptr, Side side) {
      if (ptr == 0) return false;
      if (side == Side::Host) return true;
      return deviceRange(ptr, bytes, side == Side::Any);
    };
    if (!check(dst, dstSide) || !check(src, srcSide)) return CUDA_ERROR_INVALID_VALUE;
  }
  std::memmove(reinterpret_cast<void*>(dst), reinterpret_cast<const void*>(src), bytes);
  return CUDA_SUCCESS;
}

template <typename T>
CUresult fill2D(CUdeviceptr dst, size_t pitchBytes, T value, size_t width, size_t height, CUstream stream) {
  if (width == 0 || height == 0) return CUDA_SUCCESS;
  {
    auto& s = state();
    std::lock_guard<std::mutex> lock(s.mutex);
    if (!emu::validStream(stream)) return CUDA_ERROR_INVALID_HANDLE;
    if (dst % sizeof(T) != 0 || pitchBytes % sizeof(T) != 0) return CUDA_ERROR_INVALID_VALUE;
    if (height > 1 && pitchBytes < width * sizeof(T)) return CUDA_ERROR_INVALID_VALUE;
    if (!deviceRange(dst, regionSpan(pitchBytes, width * sizeof(T), height), false)) return CUDA_ERROR_INVALID_VALUE;
  }
  auto* base = reinterpret_cast<unsigned char*>(static_cast<uintptr_t>(dst));
  for (size_t row = 0; row < height; ++row) {
    T* line = reinterpret_cast<T*>(base + row * pitchBytes);
    for (size_t i = 0; i < width; ++i) line[i] = value;
  }
  return CUDA_SUCCESS;
}

uintptr_t address(CUdeviceptr ptr) { return static_cast<uintptr_t>(ptr); }
uintptr_t address(const void* ptr) { return reinterpret_cast<uintptr_t>(ptr); }

}  // namespace

CUEMU_API CUresult cuMemAlloc_v2(CUdeviceptr* dptr, size_t bytesize) {
  if (dptr == nullptr) return CUDA_ERROR_INVALID_VALUE;
  void* block = nullptr;
  CUresult status = allocate(&block, bytesize, emu::AllocationKind::Device);
  if (status == CUDA_SUCCESS) *dptr = reinterpret_cast<uintptr_t>(block);
  return status;
}

CUEMU_API CUresult cuMemAllocManaged(CUdeviceptr* dptr, size_t bytesize, unsigned int /*flags*/) {
  return cuMemAlloc_v2(dptr, bytesize);
}

CUEMU_API CUresult cuMemAllocPitch_v2(CUdeviceptr* dptr, size_t* pitch, size_t widthInBytes, size_t height,
                                      unsigned int elementSizeBytes) {
  if (dptr == nullptr || pitch == nullptr || widthInBytes == 0 || height == 0) return CUDA_ERROR_INVALID_VALUE;
  if (elementSizeBytes != 4 && elementSizeBytes != 8 && elementSizeBytes != 16) return CUDA_ERROR_INVALID_VALUE;
  size_t rowPitch = roundUp(widthInBytes, emu::kPitchAlignment);
  CUresult status = cuMemAlloc_v2(dptr, rowPitch * height);
  if (status == CUDA_SUCCESS) *pitch = rowPitch;
  return status;
}

CUEMU_API CUresult cuMemFree_v2(CUdeviceptr dptr) {
  if (dptr == 0) return CUDA_SUCCESS;
  return release(address(dptr), emu::AllocationKind::Device);
}

CUEMU_API CUresult cuMemAllocHost_v2(void** pp, size_t bytesize) {
  return allocate(pp, bytesize, emu::AllocationKind::PinnedHost);
}

CUEMU_API CUresult cuMemAllocHost(void** pp, size_t bytesize) { return cuMemAllocHost_v2(pp, bytesize); }

CUEMU_API CUresult cuMemHostAlloc(void** pp, size_t bytesize, unsigned int /*flags*/) {
  return allocate(pp, bytesize, emu::AllocationKind::PinnedHost);
}

CUEMU_API CUresult cuMemFreeHost(void* p) {
  if (p == nullptr) return CUDA_ERROR_INVALID_VALUE;
  return release(address(p), emu::AllocationKind::PinnedHost);
}

CUEMU_API CUresult cuMemGetInfo_v2(size_t* freeBytes, size_t* totalBytes) {
  if (freeBytes == nullptr || totalBytes == nullptr) return CUDA_ERROR_INVALID_VALUE;
  auto& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  if (emu::current() == nullptr) return CUDA_ERROR_INVALID_CONTEXT;
  *totalBytes = s.totalBytes;
  *freeBytes = s.totalBytes - s.liveDeviceBytes;
  return CUDA_SUCCESS;
}

CUEMU_API CUresult cuMemcpy(CUdeviceptr dst, CUdeviceptr src, size_t bytes) {
  return copyLinear(address(dst), Side::Any, address(src), Side::Any, bytes, nullptr);
}
CUEMU_API CUresult cuMemcpyAsync(CUdeviceptr dst, CUdeviceptr src, size_t bytes, CUstream stream) {
  return copyLinear(address(dst), Side::Any, address(src), Side::Any, bytes, stream);
}
CUEMU_API CUresult cuMemcpyHtoD_v2(CUdeviceptr dst, const void* src, size_t bytes) {
  return copyLinear(address(dst), Side::Device, address(src), Side::Host, bytes, nullptr);
}
CUEMU_API CUresult cuMemcpyHtoDAsync_v2(CUdeviceptr dst, const void* src, size_t bytes, CUstream stream) {
  return copyLinear(address(dst), Side::Device, address(src), Side::Host, bytes, stream);
}
CUEMU_API CUresult cuMemcpyDtoH_v2(void* dst, CUdeviceptr src, size_t bytes) {
  return copyLinear(address(dst), Side::Host, address(src), Side::Device, bytes, nullptr);
}
CUEMU_API CUresult cuMemcpyDtoHAsync_v2(void* dst, CUdeviceptr src, size_t bytes, CUstream stream) {
  return copyLinear(address(dst), Side::Host, address(src), Side::Device, bytes, stream);
}
CUEMU_API CUresult cuMemcpyDtoD_v2(CUdeviceptr dst, CUdeviceptr src, size_t bytes) {
  return copyLinear(address(dst), Side::Device, address(src), Side::Device, bytes, nullptr);
}
CUEMU_API CUresult cuMemcpyDtoDAsync_v2(CUdeviceptr dst, CUdeviceptr src, size_t bytes, CUstream stream) {
  return copyLinear(address(dst), Side::Device, address(src), Side::Device, bytes, stream);
}
CUEMU_API CUresult cuMemcpy2D_v2(const CUDA_MEMCPY2D* copy) { return copy2D(copy, nullptr); }
CUEMU_API CUresult cuMemcpy2DUnaligned_v2(const CUDA_MEMCPY2D* copy) { return copy2D(copy, nullptr); }
CUEMU_API CUresult cuMemcpy2DAsync_v2(const CUDA_MEMCPY2D* copy, CUstream stream) { return copy2D(copy, stream); }

CUEMU_API CUresult cuMemsetD8_v2(CUdeviceptr dst, unsigned char value, size_t count) {
  return fill2D<unsigned char>(dst, count, value, count, 1, nullptr);
}
CUEMU_API CUresult cuMemsetD16_v2(CUdeviceptr dst, unsigned short value, size_t count) {
  return fill2D<unsigned short>(dst, count * 2, value, count, 1, nullptr);
}
CUEMU_API CUresult cuMemsetD32_v2(CUdeviceptr dst, unsigned int value, size_t count) {
  return fill2D<unsigned int>(dst, count * 4, value, count, 1, nullptr);
}
CUEMU_API CUresult cuMemsetD8Async(CUdeviceptr dst, unsigned char value, size_t count, CUstream stream) {
  return fill2D<unsigned char>(dst, count, value, count, 1, stream);
}
CUEMU_API CUresult cuMemsetD16Async(CUdeviceptr dst, unsigned short value, size_t count, CUstream stream) {
  return fill2D<unsigned short>(dst, count * 2, value, count, 1, stream);
}
CUEMU_API CUresult cuMemsetD32Async(CUdeviceptr dst, unsigned int value, size_t count, CUstream stream) {
  return fill2D<unsigned int>(dst, count * 4, value, count, 1, stream);
}
CUEMU_API CUresult cuMemsetD2D8_v2(CUdeviceptr dst, size_t pitch, unsigned char value, size_t width, size_t height) {
  return fill2D<unsigned char>(dst, pitch, value, width, height, nullptr);
}
CUEMU_API CUresult cuMemsetD2D16_v2(CUdeviceptr dst, size_t pitch, unsigned short value, size_t width, size_t height) {
  return fill2D<unsigned short>(dst, pitch, value, width, height, nullptr);
}
CUEMU_API CUresult cuMemsetD2D32_v2(CUdeviceptr dst, size_t pitch, unsigned int value, size_t width, size_t height) {
  return fill2D<unsigned int>(dst, pitch, value, width, height, nullptr);
}
CUEMU_API CUresult cuMemsetD2D8Async(CUdeviceptr dst, size_t pitch, unsigned char value, size_t width, size_t height,
                                     CUstream stream) {
  return fill2D<unsigned char>(dst, pitch, value, width, height, stream);
}
CUEMU_API CUresult cuMemsetD2D16Async(CUdeviceptr dst, size_t pitch, unsigned short value, size_t width, size_t height,
                                      CUstream stream) {
  return fill2D<unsigned short>(dst, pitch, value, width, height, stream);
}
CUEMU_API CUresult cuMemsetD2D32Async(CUdeviceptr dst, size_t pitch, unsigned int value, size_t width, size_t height,
                                      CUstream stream) {
  return fill2D<unsigned int>(dst, pitch, value, width, height, stream);
}
