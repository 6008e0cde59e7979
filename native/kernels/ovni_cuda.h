// Why this header exists: every kernel in native/kernels is written once and compiled twice,
//  (a) by clang as CUDA (-nocudainc: no CUDA SDK needed) into the PTX we embed, and
//  (b) by g++ as plain C++ into libovni_kernels_host.so, where a launch loop plays the grid.
// The macros below are the whole difference between the two; kernels must not use shared memory
// or __syncthreads (the host launch loop runs one thread at a time).
#pragma once

#ifdef __CUDA__
#define __global__ __attribute__((global))
#define __device__ __attribute__((device))
#define __host__ __attribute__((host))
#include "__clang_cuda_builtin_vars.h"
// Device helpers are force-inlined so the PTX holds only the .entry functions.
#define OVNI_FN __attribute__((device)) static inline __attribute__((always_inline))
#define OVNI_KERNEL(name) extern "C" __global__ void name
#define OVNI_REGISTER(name)
#else
#include <cstddef>
#include <tuple>
#include <utility>

struct dim3
{
    unsigned x, y, z;
};
typedef dim3 uint3;

// One copy per translation unit and per OS thread: each .cu's launcher sets them before every
// simulated thread, and concurrent launches from different host threads do not disturb each other.
static thread_local dim3 threadIdx, blockIdx, blockDim, gridDim;

#define __global__
#define __device__
#define __host__
#define OVNI_FN static inline
#define OVNI_KERNEL(name) extern "C" void name

namespace ovni_host
{
// Unpacks cuLaunchKernel-style params (array of pointers to each argument) once per launch.
typedef void (*Launcher)(void** params, dim3 grid, dim3 block);
void register_kernel(const char* name, Launcher launcher);

template <auto Kernel> struct KernelLauncher;

template <typename... Args, void (*Kernel)(Args...)> struct KernelLauncher<Kernel>
{
    template <std::size_t... I> static std::tuple<Args...> unpack(void** params, std::index_sequence<I...>)
    {
        return std::tuple<Args...>(*static_cast<Args*>(params[I])...);
    }

    static void launch(void** params, dim3 grid, dim3 block)
    {
        std::tuple<Args...> args = unpack(params, std::index_sequence_for<Args...>{});
        gridDim = grid;
        blockDim = block;
        for (unsigned bz = 0; bz < grid.z; ++bz)
            for (unsigned by = 0; by < grid.y; ++by)
                for (unsigned bx = 0; bx < grid.x; ++bx)
                {
                    blockIdx = dim3{bx, by, bz};
                    for (unsigned tz = 0; tz < block.z; ++tz)
                        for (unsigned ty = 0; ty < block.y; ++ty)
                            for (unsigned tx = 0; tx < block.x; ++tx)
                            {
                                threadIdx = dim3{tx, ty, tz};
                                std::apply(Kernel, args);
                            }
                }
    }
};

struct Registrar
{
    Registrar(const char* name, Launcher launcher) { register_kernel(name, launcher); }
};
} // namespace ovni_host

#define OVNI_REGISTER(name) \
    static ovni_host::Registrar ovni_registrar_##name(#name, &ovni_host::KernelLauncher<&name>::launch);
#endif

// Shared helpers for both compilers.
OVNI_FN int ovni_clamp(int v, int lo, int hi)
{
    return v < lo ? lo : (v > hi ? hi : v);
}

OVNI_FN int ovni_global_x()
{
    return (int)(blockIdx.x * blockDim.x + threadIdx.x);
}

OVNI_FN int ovni_global_y()
{
    return (int)(blockIdx.y * blockDim.y + threadIdx.y);
}

// Pitched plane addressing: pitch is always in bytes, whatever the sample type.
OVNI_FN unsigned char* ovni_row8(unsigned char* plane, int pitch, int y)
{
    return plane + (long long)y * pitch;
}

OVNI_FN unsigned short* ovni_row16(unsigned char* plane, int pitch, int y)
{
    return (unsigned short*)(plane + (long long)y * pitch);
}
