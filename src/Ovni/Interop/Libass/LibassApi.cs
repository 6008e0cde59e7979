using System.Runtime.InteropServices;

namespace Ovni.Interop.Libass;

/// <summary>The few libass functions Ovni's captions need (ass.h), bound by hand with blittable signatures.</summary>
internal static unsafe partial class LibassApi
{
    /// <summary>ASS_FONTPROVIDER_AUTODETECT: fontconfig on Linux, DirectWrite on Windows, CoreText on macOS.</summary>
    internal const int FontProviderAutodetect = 1;

    /// <summary>Offset of ASS_Track.n_events (after n_styles and max_styles); public and stable in ass_types.h.</summary>
    internal const int TrackEventCountOffset = 8;

    [LibraryImport(LibassLibrary.Name)] internal static partial int ass_library_version();
    [LibraryImport(LibassLibrary.Name)] internal static partial void* ass_library_init();
    [LibraryImport(LibassLibrary.Name)] internal static partial void ass_library_done(void* library);
    [LibraryImport(LibassLibrary.Name)] internal static partial void ass_set_fonts_dir(void* library, byte* fontsDir);
    [LibraryImport(LibassLibrary.Name)] internal static partial void ass_set_extract_fonts(void* library, int extract);
    [LibraryImport(LibassLibrary.Name)] internal static partial void ass_set_message_cb(void* library, delegate* unmanaged[Cdecl]<int, byte*, void*, void*, void> callback, void* data);
    [LibraryImport(LibassLibrary.Name)] internal static partial void* ass_renderer_init(void* library);
    [LibraryImport(LibassLibrary.Name)] internal static partial void ass_renderer_done(void* renderer);
    [LibraryImport(LibassLibrary.Name)] internal static partial void ass_set_frame_size(void* renderer, int width, int height);
    [LibraryImport(LibassLibrary.Name)] internal static partial void ass_set_storage_size(void* renderer, int width, int height);
    [LibraryImport(LibassLibrary.Name)] internal static partial void ass_set_fonts(void* renderer, byte* defaultFont, byte* defaultFamily, int fontProvider, byte* config, int update);
    [LibraryImport(LibassLibrary.Name)] internal static partial AssImage* ass_render_frame(void* renderer, void* track, long now, int* detectChange);
    [LibraryImport(LibassLibrary.Name)] internal static partial void* ass_read_memory(void* library, byte* buffer, nuint size, byte* codepage);
    [LibraryImport(LibassLibrary.Name)] internal static partial void ass_free_track(void* track);

    internal static int EventCount(void* track) => *(int*)((byte*)track + TrackEventCountOffset);
}
