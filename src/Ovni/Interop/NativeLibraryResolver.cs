using System.Reflection;
using System.Runtime.InteropServices;
using Ovni.Interop.FFmpeg;

namespace Ovni.Interop;

/// <summary>
/// The single DllImport resolver of the Ovni assembly. Bindings name logical libraries
/// ("avutil", "avcodec", …); this maps them to the versioned file names each OS ships,
/// because distributions install only the versioned sonames (libavcodec.so.59), never the bare names.
/// </summary>
internal static class NativeLibraryResolver
{
    private static int s_registered;

    internal static void EnsureRegistered()
    {
        if (Interlocked.Exchange(ref s_registered, 1) == 0)
            NativeLibrary.SetDllImportResolver(typeof(NativeLibraryResolver).Assembly, Resolve);
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName switch
        {
            FFmpegLibrary.AvUtil or FFmpegLibrary.AvCodec or FFmpegLibrary.AvFormat or FFmpegLibrary.SwScale or FFmpegLibrary.SwResample
                => FFmpegLibrary.Load(libraryName),
            Cuda.CudaLibrary.Name => Cuda.CudaLibrary.TryLoad(),
            Libass.LibassLibrary.Name => Libass.LibassLibrary.TryLoad(),
            Fontconfig.FontconfigApi.Name => Fontconfig.FontconfigApi.TryLoad(),
            // The C library is already loaded into every process; its symbols are found through the main program.
            Posix.LibC.Name when !OperatingSystem.IsWindows() => NativeLibrary.GetMainProgramHandle(),
            _ => 0,
        };
}
