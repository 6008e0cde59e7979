namespace Ovni.Captions;

/// <summary>
/// Caption bitmaps prepared for one YUV layout: colours converted to Y′CbCr (BT.709) and alpha computed
/// per luma pixel and per chroma sample (the mean alpha of the luma pixels a chroma sample covers).
/// Built only when the captions change, then blended into every frame they show on.
/// </summary>
internal sealed class CaptionLayer
{
    internal readonly record struct Part(
        int X, int Y, int Width, int Height, byte[] LumaAlpha,
        int ChromaX, int ChromaY, int ChromaWidth, int ChromaHeight, byte[] ChromaAlpha,
        byte ColorY, byte ColorU, byte ColorV);

    internal CaptionLayer(CaptionFrame captions, int log2ChromaWidth, int log2ChromaHeight, bool fullRange, bool interleavedChroma)
    {
        Version = captions.Version;
        Log2ChromaWidth = log2ChromaWidth;
        Log2ChromaHeight = log2ChromaHeight;
        FullRange = fullRange;
        InterleavedChroma = interleavedChroma;
        var parts = new Part[captions.Bitmaps.Count];
        for (int i = 0; i < parts.Length; i++) parts[i] = Prepare(captions.Bitmaps[i]);
        Parts = parts;
    }

    internal long Version { get; }
    internal int Log2ChromaWidth { get; }
    internal int Log2ChromaHeight { get; }
    internal bool FullRange { get; }
    internal bool InterleavedChroma { get; }
    internal Part[] Parts { get; }

    internal bool Fits(long version, int log2W, int log2H, bool fullRange, bool interleaved) =>
        version == Version && log2W == Log2ChromaWidth && log2H == Log2ChromaHeight && fullRange == FullRange && interleaved == InterleavedChroma;

    private Part Prepare(CaptionBitmap bitmap)
    {
        (byte y, byte u, byte v) = Bt709.ToYuv(bitmap.Color.R, bitmap.Color.G, bitmap.Color.B, FullRange);
        var luma = new byte[bitmap.Width * bitmap.Height];
        for (int i = 0; i < luma.Length; i++) luma[i] = CaptionBitmap.Alpha(bitmap.Coverage[i], bitmap.Color.A);

        int sx = 1 << Log2ChromaWidth, sy = 1 << Log2ChromaHeight;
        // Chroma samples touched by the bitmap, in the frame's chroma grid (floor division for the origin).
        int cx0 = bitmap.X >> Log2ChromaWidth, cy0 = bitmap.Y >> Log2ChromaHeight;
        int cx1 = (bitmap.X + bitmap.Width - 1) >> Log2ChromaWidth, cy1 = (bitmap.Y + bitmap.Height - 1) >> Log2ChromaHeight;
        int cw = cx1 - cx0 + 1, ch = cy1 - cy0 + 1;
        int samples = InterleavedChroma ? 2 : 1;
        var chroma = new byte[cw * ch * samples];
        for (int cy = 0; cy < ch; cy++)
        {
            for (int cx = 0; cx < cw; cx++)
            {
                int sum = 0;
                for (int dy = 0; dy < sy; dy++)
                {
                    int ly = (cy0 + cy) * sy + dy - bitmap.Y;
                    if ((uint)ly >= (uint)bitmap.Height) continue;
                    for (int dx = 0; dx < sx; dx++)
                    {
                        int lx = (cx0 + cx) * sx + dx - bitmap.X;
                        if ((uint)lx < (uint)bitmap.Width) sum += luma[ly * bitmap.Width + lx];
                    }
                }
                int area = sx * sy;
                byte mean = (byte)((sum + area / 2) / area);
                int at = (cy * cw + cx) * samples;
                chroma[at] = mean;
                if (InterleavedChroma) chroma[at + 1] = mean;
            }
        }
        return new Part(bitmap.X, bitmap.Y, bitmap.Width, bitmap.Height, luma, cx0, cy0, cw, ch, chroma, y, u, v);
    }
}
