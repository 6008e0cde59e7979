using Ovni.Interop;
using Ovni.Interop.Libass;

namespace Ovni.Captions;

/// <summary>
/// Renders a <see cref="CaptionTrack"/> with libass for a video size: for each timestamp, the caption
/// layers with their positions, and whether anything changed since the previous call (so unchanged
/// captions are not converted or uploaded again). Not thread-safe: one renderer per stream. Fonts come
/// from the system (fontconfig on Linux) plus <see cref="CaptionOptions.FontsDirectory"/>.
/// </summary>
internal sealed unsafe class CaptionRenderer : IDisposable
{
    private readonly Lock _gate = new();
    private void* _library;
    private void* _renderer;
    private void* _track;
    private IReadOnlyList<CaptionBitmap> _bitmaps = [];
    private long _version;
    private bool _rendered;

    /// <summary>Prepares libass for <paramref name="width"/>×<paramref name="height"/> frames.</summary>
    /// <exception cref="OvniException">libass is missing or rejects the track.</exception>
    public CaptionRenderer(CaptionTrack track, int width, int height, CaptionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(track);
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"Frame size {width}x{height} must be positive.");
        options ??= new CaptionOptions();
        Track = track;
        Width = width;
        Height = height;
        _library = LibassRuntime.CreateLibrary();
        try
        {
            if (options.FontsDirectory is { } fonts)
            {
                byte[] dir = Utf8.ToNullTerminated(fonts);
                fixed (byte* p = dir) LibassApi.ass_set_fonts_dir(_library, p);
            }
            LibassApi.ass_set_extract_fonts(_library, 1);
            _renderer = LibassApi.ass_renderer_init(_library);
            if (_renderer == null) throw new OvniException("ass_renderer_init failed (libass was built without a font rasteriser?).");
            LibassApi.ass_set_frame_size(_renderer, width, height);
            LibassApi.ass_set_storage_size(_renderer, width, height);
            byte[] family = Utf8.ToNullTerminated(options.DefaultFontFamily);
            fixed (byte* f = family) LibassApi.ass_set_fonts(_renderer, null, f, LibassApi.FontProviderAutodetect, null, 1);
            _track = track.CreateNativeTrack(_library);
            if (_track == null) throw new OvniException($"libass rejected the caption track{(track.SourcePath is null ? "" : $" '{track.SourcePath}'")}.") { FilePath = track.SourcePath };
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The track rendered.</summary>
    public CaptionTrack Track { get; }

    /// <summary>Video width the captions are laid out for.</summary>
    public int Width { get; }

    /// <summary>Video height the captions are laid out for.</summary>
    public int Height { get; }

    /// <summary>The captions showing at <paramref name="time"/> (libass works in whole milliseconds; the time is rounded down).</summary>
    public CaptionFrame Render(TimeSpan time)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_renderer == null, this);
            int change = 0;
            AssImage* images = LibassApi.ass_render_frame(_renderer, _track, time.Ticks / TimeSpan.TicksPerMillisecond, &change);
            bool changed = change != 0 || !_rendered;
            _rendered = true;
            if (changed)
            {
                _bitmaps = Copy(images);
                _version++;
            }
            return new CaptionFrame(time, changed, _bitmaps, _version);
        }
    }

    // libass reuses its image memory on the next call, so the layers are copied out (only when they changed).
    internal static List<CaptionBitmap> Copy(AssImage* image)
    {
        var bitmaps = new List<CaptionBitmap>();
        for (; image != null; image = image->Next)
        {
            if (image->Width <= 0 || image->Height <= 0) continue;
            var coverage = new byte[image->Width * image->Height];
            for (int y = 0; y < image->Height; y++)
                new ReadOnlySpan<byte>(image->Bitmap + (long)y * image->Stride, image->Width).CopyTo(coverage.AsSpan(y * image->Width, image->Width));
            uint c = image->Color;
            var color = new RgbaColor((byte)(c >> 24), (byte)(c >> 16), (byte)(c >> 8), (byte)(255 - (c & 0xFF)));
            if (color.A == 0) continue;
            bitmaps.Add(new CaptionBitmap(image->DestinationX, image->DestinationY, image->Width, image->Height, coverage, color));
        }
        return bitmaps;
    }

    /// <summary>Frees libass's renderer, track and library.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_track != null) LibassApi.ass_free_track(_track);
            if (_renderer != null) LibassApi.ass_renderer_done(_renderer);
            if (_library != null) LibassApi.ass_library_done(_library);
            _track = _renderer = _library = null;
        }
    }
}
