// Modules and launches. The emulator cannot run PTX; it reads the PTX text only for its `.entry`
// names (so unknown functions fail as on the driver) and runs a launch by calling the host-compiled
// build of the same kernel in a kernels library, through `ovni_host_launch(entry, grid, block, params)`.
#include "emu_state.hpp"

#include <dlfcn.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

using emu::state;

namespace {

constexpr int kJitInfoLogBuffer = 3;
constexpr int kJitInfoLogBufferSize = 4;
constexpr int kJitErrorLogBuffer = 5;
constexpr int kJitErrorLogBufferSize = 6;

typedef int (*HostLaunch)(const char* entry, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by,
                          unsigned bz, void** params);

struct KernelLibrary {
  std::mutex mutex;
  HostLaunch launch = nullptr;
  std::string path;
};

KernelLibrary& kernelLibrary() {
  static KernelLibrary* library = new KernelLibrary();
  return *library;
}

// OVNI_CUDA_EMU_KERNELS, else libovni_kernels_host.so in the emulator's own folder.
std::string kernelLibraryPath() {
  const char* configured = std::getenv("OVNI_CUDA_EMU_KERNELS");
  if (configured != nullptr && *configured != '\0') return configured;
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(&kernelLibraryPath), &info) != 0 && info.dli_fname != nullptr) {
    std::string self = info.dli_fname;
    size_t slash = self.rfind('/');
    if (slash != std::string::npos) return self.substr(0, slash + 1) + "libovni_kernels_host.so";
  }
  return "libovni_kernels_host.so";
}

// Loads the kernels library once; on failure explains why in `error` and tries again next launch.
HostLaunch loadHostLaunch(std::string& error) {
  KernelLibrary& library = kernelLibrary();
  std::lock_guard<std::mutex> lock(library.mutex);
  if (library.launch != nullptr) return library.launch;
  library.path = kernelLibraryPath();
  void* handle = dlopen(library.path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* reason = dlerror();
    error = "cannot load host kernels library '" + library.path + "': " + (reason ? reason : "unknown error");
    return nullptr;
  }
  auto launch = reinterpret_cast<HostLaunch>(dlsym(handle, "ovni_host_launch"));
  if (launch == nullptr) {
    error = "host kernels library '" + library.path + "' does not export ovni_host_launch";
    dlclose(handle);
    return nullptr;
  }
  library.launch = launch;
  return launch;
}

bool isIdentifierChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' || c == '.'; }

// Collects `.entry NAME` names; returns an explanation when the text is not usable PTX.
std::string parsePtx(const char* text, std::vector<std::string>& entries) {
  const unsigned char first = static_cast<unsigned char>(text[0]);
  if (first == 0x7f && std::strncmp(text + 1, "ELF", 3) == 0) return "cubin (ELF) images are not supported by the emulator, only PTX text";
  std::string ptx(text);
  for (unsigned char c : ptx) {
    if (c < 0x09 || (c > 0x0d && c < 0x20)) return "input is not PTX text (contains control bytes)";
  }
  if (ptx.find(".version") == std::string::npos) return "input is not PTX: no .version directive";
  if (ptx.find(".target") == std::string::npos) return "input is not PTX: no .target directive";
  size_t position = 0;
  while ((position = ptx.find(".entry", position)) != std::string::npos) {
    size_t cursor = position + 6;
    position = cursor;
    if (cursor < ptx.size() && isIdentifierChar(ptx[cursor])) continue;  // e.g. ".entryfoo" is not the directive
    while (cursor < ptx.size() && std::isspace(static_cast<unsigned char>(ptx[cursor]))) cursor++;
    size_t start = cursor;
    while (cursor < ptx.size() && isIdentifierChar(ptx[cursor])) cursor++;
    if (cursor == start) return "malformed .entry directive without a name";
    entries.push_back(ptx.substr(start, cursor - start));
  }
  if (entries.empty()) return "PTX declares no .entry functions";
  return std::string();
}

// Writes text into a JIT log buffer option pair and reports the bytes written back through the size option,
// as the driver does.
void writeLog(const std::string& text, int bufferOption, int sizeOption, unsigned count, const int* options,
              void** values) {
  char* buffer = nullptr;
  int sizeIndex = -1;
  for (unsigned i = 0; i < count; ++i) {
    if (options[i] == bufferOption) buffer = static_cast<char*>(values[i]);
    if (options[i] == sizeOption) sizeIndex = static_cast<int>(i);
  }
  if (buffer == nullptr || sizeIndex < 0) return;
  size_t capacity = static_cast<size_t>(reinterpret_cast<uintptr_t>(values[sizeIndex]));
  if (capacity == 0) return;
  std::snprintf(buffer, capacity, "%s", text.c_str());
  size_t written = std::strlen(buffer) + 1;
  values[sizeIndex] = reinterpret_cast<void*>(static_cast<uintptr_t>(written));
}

}  // namespace

CUEMU_API CUresult cuModuleLoadDataEx(CUmodule* module, const void* image, unsigned int numOptions, int* options,
                                      void** optionValues) {
  if (module == nullptr || image == nullptr) return CUDA_ERROR_INVALID_VALUE;
  if (numOptions > 0 && (options == nullptr || optionValues == nullptr)) return CUDA_ERROR_INVALID_VALUE;
  auto& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  CUctx_st* ctx = emu::current();
  if (ctx == nullptr) return CUDA_ERROR_INVALID_CONTEXT;
  std::vector<std::string> entries;
  std::string problem = parsePtx(static_cast<const char*>(image), entries);
  if (!problem.empty()) {
    std::string log = "ovni-cuda-emu ptx: fatal: " + problem;
    writeLog(log, kJitErrorLogBuffer, kJitErrorLogBufferSize, numOptions, options, optionValues);
    emu::setMessage(log);
    return problem.find("cubin") != std::string::npos ? CUDA_ERROR_INVALID_IMAGE : CUDA_ERROR_INVALID_PTX;
  }
  writeLog("ovni-cuda-emu ptx: info: " + std::to_string(entries.size()) + " entries, run by the host kernels library",
           kJitInfoLogBuffer, kJitInfoLogBufferSize, numOptions, options, optionValues);
  writeLog("", kJitErrorLogBuffer, kJitErrorLogBufferSize, numOptions, options, optionValues);
  auto* created = new CUmod_st{ctx, std::move(entries), {}};
  s.modules.insert(created);
  *module = created;
  return CUDA_SUCCESS;
}

CUEMU_API CUresult cuModuleLoadData(CUmodule* module, const void* image) {
  return cuModuleLoadDataEx(module, image, 0, nullptr, nullptr);
}

CUEMU_API CUresult cuModuleUnload(CUmodule module) {
  auto& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  if (s.modules.erase(module) == 0) return CUDA_ERROR_INVALID_HANDLE;
  for (auto& entry : module->functions) {
    s.functions.erase(entry.second);
    delete entry.second;
  }
  delete module;
  return CUDA_SUCCESS;
}

CUEMU_API CUresult cuModuleGetFunction(CUfunction* function, CUmodule module, const char* name) {
  if (function == nullptr || name == nullptr) return CUDA_ERROR_INVALID_VALUE;
  auto& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  if (s.modules.count(module) == 0) return CUDA_ERROR_INVALID_HANDLE;
  auto existing = module->functions.find(name);
  if (existing != module->functions.end()) {
    *function = existing->second;
    return CUDA_SUCCESS;
  }
  bool declared = false;
  for (const auto& entry : module->entries) declared = declared || entry == name;
  if (!declared) return CUDA_ERROR_NOT_FOUND;
  auto* created = new CUfunc_st{module, name};
  module->functions[name] = created;
  s.functions.insert(created);
  *function = created;
  return CUDA_SUCCESS;
}

CUEMU_API CUresult cuModuleGetGlobal_v2(CUdeviceptr* /*dptr*/, size_t* /*bytes*/, CUmodule module, const char* name) {
  if (name == nullptr) return CUDA_ERROR_INVALID_VALUE;
  auto& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  if (s.modules.count(module) == 0) return CUDA_ERROR_INVALID_HANDLE;
  return CUDA_ERROR_NOT_FOUND;  // the emulator has no module-scope device variables
}

CUEMU_API CUresult cuModuleGetGlobal(CUdeviceptr* dptr, size_t* bytes, CUmodule module, const char* name) {
  return cuModuleGetGlobal_v2(dptr, bytes, module, name);
}

CUEMU_API CUresult cuLaunchKernel(CUfunction function, unsigned gridX, unsigned gridY, unsigned gridZ, unsigned blockX,
                                  unsigned blockY, unsigned blockZ, unsigned /*sharedMemBytes*/, CUstream stream,
                                  void** kernelParams, void** extra) {
  std::string entry;
  {
    auto& s = state();
    std::lock_guard<std::mutex> lock(s.mutex);
    if (s.functions.count(function) == 0) return CUDA_ERROR_INVALID_HANDLE;
    if (!emu::validStream(stream)) return CUDA_ERROR_INVALID_HANDLE;
    if (emu::current() != function->module->ctx) return CUDA_ERROR_INVALID_CONTEXT;
    if (gridX == 0 || gridY == 0 || gridZ == 0 || blockX == 0 || blockY == 0 || blockZ == 0) return CUDA_ERROR_INVALID_VALUE;
    if (gridY > 65535 || gridZ > 65535 || blockX > 1024 || blockY > 1024 || blockZ > 64 ||
        static_cast<unsigned long long>(blockX) * blockY * blockZ > 1024) {
      return CUDA_ERROR_INVALID_VALUE;
    }
    if (extra != nullptr) return CUDA_ERROR_NOT_SUPPORTED;  // parameters are taken only as kernelParams
    entry = function->entry;
  }
  std::string error;
  HostLaunch launch = loadHostLaunch(error);
  if (launch == nullptr) {
    std::lock_guard<std::mutex> lock(state().mutex);
    emu::setMessage(error);
    return CUDA_ERROR_SHARED_OBJECT_INIT_FAILED;
  }
  // Runs outside the registry lock: kernels take long and other threads keep working meanwhile.
  int result = launch(entry.c_str(), gridX, gridY, gridZ, blockX, blockY, blockZ, kernelParams);
  auto& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  if (result == 1) {
    emu::setMessage("entry '" + entry + "' is not in the host kernels library '" + kernelLibrary().path + "'");
    return CUDA_ERROR_NOT_FOUND;
  }
  if (result != 0) {
    emu::setMessage("host kernel '" + entry + "' failed with code " + std::to_string(result));
    return CUDA_ERROR_LAUNCH_FAILED;
  }
  s.kernelLaunches++;
  return CUDA_SUCCESS;
}
