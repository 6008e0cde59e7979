// Why: runs the .cu kernels compiled for the host (libovni_kernels_host.so) exactly as cuLaunchKernel
// would: entry name, grid, block, and an array of pointers to each argument's value.
using System.Runtime.InteropServices;
using System.Text;

namespace Ovni.Kernels.Tests;

internal static unsafe partial class HostKernels
{
    private const string LibraryName = "ovni_kernels_host";
    private const string FileName = "libovni_kernels_host.so";
    private const uint BlockSize = 16;

    static HostKernels()
    {
        NativeLibrary.SetDllImportResolver(typeof(HostKernels).Assembly, (name, assembly, path) =>
            name == LibraryName ? NativeLibrary.Load(LibraryPath) : 0);
    }

    public static string LibraryPath => Path.Combine(TestEnvironment.NativeLibDir, FileName);

    /// <summary>Fails the test with the build command when the native library was not built.</summary>
    public static void EnsureBuilt()
    {
        if (!File.Exists(LibraryPath))
        {
            Assert.Fail($"{LibraryPath} is missing. Build it first: " +
                "cmake -S native -B native/build -DCMAKE_BUILD_TYPE=Release && cmake --build native/build -j2");
        }
    }

    /// <summary>Launches with 16x16 blocks over at least threadsX x threadsY threads; args in catalog order.</summary>
    public static void Launch(KernelSignature kernel, long threadsX, long threadsY, params long[] args)
    {
        EnsureBuilt();
        Assert.Equal(kernel.Parameters.Count, args.Length);
        long* values = stackalloc long[args.Length];
        void** pointers = stackalloc void*[args.Length];
        for (int i = 0; i < args.Length; i++)
        {
            values[i] = 0;
            if (kernel.Parameters[i].Kind is KernelParameterKind.Int32 or KernelParameterKind.UInt32)
            {
                *(int*)(values + i) = checked((int)args[i]);
            }
            else
            {
                values[i] = args[i];
            }

            pointers[i] = values + i;
        }

        byte[] entry = Encoding.UTF8.GetBytes(kernel.EntryName + "\0");
        uint gx = (uint)((threadsX + BlockSize - 1) / BlockSize), gy = (uint)((threadsY + BlockSize - 1) / BlockSize);
        fixed (byte* name = entry)
        {
            int rc = ovni_host_launch(name, Math.Max(gx, 1), Math.Max(gy, 1), 1, BlockSize, BlockSize, 1, pointers);
            Assert.True(rc == 0, $"ovni_host_launch({kernel.EntryName}) returned {rc}");
        }
    }

    public static int Launch(string entryName)
    {
        EnsureBuilt();
        byte[] entry = Encoding.UTF8.GetBytes(entryName + "\0");
        fixed (byte* name = entry)
        {
            return ovni_host_launch(name, 1, 1, 1, 1, 1, 1, null);
        }
    }

    public static IReadOnlyList<string> KernelNames()
    {
        EnsureBuilt();
        var names = new List<string>();
        int count = ovni_host_kernel_count();
        for (int i = 0; i < count; i++)
        {
            names.Add(Marshal.PtrToStringUTF8((nint)ovni_host_kernel_name(i)) ?? "");
        }

        Assert.True(ovni_host_kernel_name(count) == null, "ovni_host_kernel_name past the end must return null");
        return names;
    }

    [LibraryImport(LibraryName)]
    private static partial int ovni_host_launch(byte* entry, uint gx, uint gy, uint gz, uint bx, uint by, uint bz, void** kernelParams);

    [LibraryImport(LibraryName)]
    private static partial int ovni_host_kernel_count();

    [LibraryImport(LibraryName)]
    private static partial byte* ovni_host_kernel_name(int index);
}
