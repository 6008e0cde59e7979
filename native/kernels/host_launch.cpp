// Why: libovni_kernels_host.so runs the very same .cu kernels on the CPU. The libcuda emulator
// (native/cuda-emu) and the parity tests call ovni_host_launch with cuLaunchKernel's parameter
// convention; each .cu file registers its kernels here at load time (OVNI_REGISTER).
#include "ovni_cuda.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace
{
struct Entry
{
    const char* name;
    ovni_host::Launcher launcher;
};

// Construct-on-first-use: registrars in other translation units run before or after this file's statics.
std::vector<Entry>& registry()
{
    static std::vector<Entry> entries;
    return entries;
}
} // namespace

void ovni_host::register_kernel(const char* name, Launcher launcher)
{
    std::vector<Entry>& entries = registry();
    // Kept sorted by name so ovni_host_kernel_name's order does not depend on link order.
    auto at = std::lower_bound(entries.begin(), entries.end(), name,
                               [](const Entry& e, const char* n) { return std::strcmp(e.name, n) < 0; });
    entries.insert(at, Entry{name, launcher});
}

#define OVNI_EXPORT extern "C" __attribute__((visibility("default")))

OVNI_EXPORT int ovni_host_launch(const char* entry, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by,
                                 unsigned bz, void** params)
{
    if (entry == nullptr) return 1;
    for (const Entry& e : registry())
    {
        if (std::strcmp(e.name, entry) == 0)
        {
            e.launcher(params, dim3{gx, gy, gz}, dim3{bx, by, bz});
            return 0;
        }
    }
    return 1;
}

OVNI_EXPORT int ovni_host_kernel_count(void)
{
    return (int)registry().size();
}

OVNI_EXPORT const char* ovni_host_kernel_name(int i)
{
    if (i < 0 || i >= (int)registry().size()) return nullptr;
    return registry()[(size_t)i].name;
}
