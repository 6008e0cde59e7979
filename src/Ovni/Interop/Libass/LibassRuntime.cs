using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Ovni.Interop.Libass;

/// <summary>
/// Loads libass once and turns "not installed" into a clear <see cref="OvniException"/> instead of a
/// DllNotFoundException from deep inside a pipeline. Also silences libass's own console chatter.
/// </summary>
internal static unsafe class LibassRuntime
{
    private static readonly Lazy<int> s_version = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>libass's version number (0x01600000 style); throws when libass cannot be loaded.</summary>
    internal static int Version => s_version.Value;

    /// <summary>A new ASS_Library with messages routed away from stderr.</summary>
    internal static void* CreateLibrary()
    {
        _ = Version;
        void* library = LibassApi.ass_library_init();
        if (library == null) throw new OvniException("ass_library_init failed.");
        LibassApi.ass_set_message_cb(library, &OnMessage, null);
        return library;
    }

    private static int Load()
    {
        NativeLibraryResolver.EnsureRegistered();
        try
        {
            return LibassApi.ass_library_version();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            throw new OvniException("libass was not found (tried: " + string.Join(", ", LibassLibrary.CandidateNames) + "). " +
                                    "Captions need libass 0.15 or newer: on Debian/Ubuntu sudo apt-get install libass9; " +
                                    "elsewhere set OVNI_LIBASS_DIR to the folder holding the library.", e);
        }
    }

    // libass reports font fallbacks and parse warnings through this; Ovni reports failures itself.
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnMessage(int level, byte* format, void* args, void* data)
    {
    }
}
