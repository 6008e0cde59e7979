namespace Ovni.Captions;

/// <summary>What a <see cref="CaptionRenderer"/> produced for one timestamp.</summary>
internal sealed class CaptionFrame
{
    internal CaptionFrame(TimeSpan time, bool changed, IReadOnlyList<CaptionBitmap> bitmaps, long version)
    {
        Time = time;
        Changed = changed;
        Bitmaps = bitmaps;
        Version = version;
    }

    /// <summary>The timestamp rendered.</summary>
    public TimeSpan Time { get; }

    /// <summary>
    /// False when libass reports the picture identical to the previous call's (its detect_change is 0):
    /// <see cref="Bitmaps"/> is then the very same list as last time, so anything built from it (a
    /// converted layer, an upload to the GPU) can be reused.
    /// </summary>
    public bool Changed { get; }

    /// <summary>Caption layers back to front; empty when no caption shows.</summary>
    public IReadOnlyList<CaptionBitmap> Bitmaps { get; }

    /// <summary>Increases by one every time the bitmaps change; equal versions mean equal pictures.</summary>
    public long Version { get; }

    /// <summary>The smallest rectangle holding every bitmap, or null when nothing shows.</summary>
    public (int X, int Y, int Width, int Height)? Bounds
    {
        get
        {
            if (Bitmaps.Count == 0) return null;
            int x0 = Bitmaps.Min(b => b.X), y0 = Bitmaps.Min(b => b.Y);
            int x1 = Bitmaps.Max(b => b.X + b.Width), y1 = Bitmaps.Max(b => b.Y + b.Height);
            return (x0, y0, x1 - x0, y1 - y0);
        }
    }
}
