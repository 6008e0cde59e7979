using System.Runtime.InteropServices;

namespace Ovni.Interop.Fontconfig;

/// <summary>
/// The fontconfig calls that tell whether a font family is installed (libass would silently substitute another), bound
/// by hand with blittable signatures. fontconfig is libass's font provider on Linux, so it is present wherever text renders.
/// </summary>
internal static unsafe partial class FontconfigApi
{
    internal const string Name = "ovni-fontconfig";

    private static readonly string[] s_candidates =
        OperatingSystem.IsWindows() ? ["libfontconfig-1.dll", "fontconfig.dll"]
        : OperatingSystem.IsMacOS() ? ["libfontconfig.1.dylib", "libfontconfig.dylib"]
        : ["libfontconfig.so.1", "libfontconfig.so"];

    [LibraryImport(Name)] internal static partial void* FcPatternCreate();
    [LibraryImport(Name)] internal static partial int FcPatternAddString(void* pattern, byte* name, byte* value);
    [LibraryImport(Name)] internal static partial void FcPatternDestroy(void* pattern);
    [LibraryImport(Name)] internal static partial void* FcObjectSetCreate();
    [LibraryImport(Name)] internal static partial int FcObjectSetAdd(void* set, byte* name);
    [LibraryImport(Name)] internal static partial void FcObjectSetDestroy(void* set);
    [LibraryImport(Name)] internal static partial void* FcFontList(void* config, void* pattern, void* set);
    [LibraryImport(Name)] internal static partial void FcFontSetDestroy(void* fontSet);

    internal static nint TryLoad()
    {
        foreach (string name in s_candidates)
            if (NativeLibrary.TryLoad(name, out nint handle)) return handle;
        return 0;
    }

    /// <summary>
    /// True when fontconfig lists a font of <paramref name="family"/> (compared as fontconfig does: case and blanks
    /// ignored); null when fontconfig is not there to ask (Windows and macOS, where libass uses the system's fonts).
    /// </summary>
    internal static bool? HasFamily(string family)
    {
        NativeLibraryResolver.EnsureRegistered();
        try
        {
            byte[] familyKey = Utf8.ToNullTerminated("family"), value = Utf8.ToNullTerminated(family);
            void* pattern = FcPatternCreate();
            void* set = FcObjectSetCreate();
            try
            {
                fixed (byte* key = familyKey)
                fixed (byte* v = value)
                {
                    FcPatternAddString(pattern, key, v);
                    FcObjectSetAdd(set, key);
                }
                void* fonts = FcFontList(null, pattern, set);
                if (fonts == null) return null;
                int count = *(int*)fonts; // FcFontSet.nfont
                FcFontSetDestroy(fonts);
                return count > 0;
            }
            finally
            {
                FcObjectSetDestroy(set);
                FcPatternDestroy(pattern);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }
}
