// The regions and fixed-point shifts of one ADM scale (ALGORITHM.md §4.2, §4.5, §4.6), computed once on the host
// (they need log2 and double truncation) and shared by the CPU extractor and the CUDA launcher, which passes
// them to the kernels as ints.
namespace Ovni.Kernels.Quality;

/// <summary>Band size, regions and pooling shifts of one ADM scale.</summary>
internal readonly record struct AdmScaleLayout
{
    /// <summary>Scale 0..3.</summary>
    public int Scale { get; private init; }

    /// <summary>Band width and height at this scale.</summary>
    public int Width { get; private init; }

    /// <inheritdoc cref="Width"/>
    public int Height { get; private init; }

    /// <summary>Inner (pooling) region: columns [Left, Right), rows [Top, Bottom).</summary>
    public int Left { get; private init; }

    /// <inheritdoc cref="Left"/>
    public int Top { get; private init; }

    /// <inheritdoc cref="Left"/>
    public int Right { get; private init; }

    /// <inheritdoc cref="Left"/>
    public int Bottom { get; private init; }

    /// <summary>(Right - Left) x (Bottom - Top).</summary>
    public long Area { get; private init; }

    /// <summary>Decouple region: the inner region plus one ring, clipped to the band.</summary>
    public int ColStart { get; private init; }

    /// <inheritdoc cref="ColStart"/>
    public int ColEnd { get; private init; }

    /// <inheritdoc cref="ColStart"/>
    public int RowStart { get; private init; }

    /// <inheritdoc cref="ColStart"/>
    public int RowEnd { get; private init; }

    /// <summary>Per-term rounding shift of the numerators' H/V and D cubes.</summary>
    public int ShiftHV { get; private init; }

    /// <inheritdoc cref="ShiftHV"/>
    public int ShiftD { get; private init; }

    /// <summary>Per-row rounding shift of the numerator row sums (ceil(log2(height))).</summary>
    public int NumeratorRowShift { get; private init; }

    /// <summary>Per-term rounding shift of the denominator cubes (scales 1..3; 0 at scale 0).</summary>
    public int DenominatorShift { get; private init; }

    /// <summary>Per-row rounding shift of the denominator row sums.</summary>
    public int DenominatorRowShift { get; private init; }

    /// <summary>The layout of scale <paramref name="scale"/>, whose bands are <paramref name="width"/> x <paramref name="height"/>.</summary>
    public static AdmScaleLayout For(int scale, int width, int height)
    {
        int left = (int)(0.1 * width - 0.5), top = (int)(0.1 * height - 0.5);
        int right = width - left, bottom = height - top;
        long area = (long)(right - left) * (bottom - top);
        int shiftHV = scale == 0 ? (int)Math.Ceiling(Math.Log2(width) - 4) : CeilLog2(width);
        int shiftD = scale == 0 ? (int)Math.Ceiling(Math.Log2(width) - 3) : CeilLog2(width);
        return new AdmScaleLayout
        {
            Scale = scale,
            Width = width,
            Height = height,
            Left = left,
            Top = top,
            Right = right,
            Bottom = bottom,
            Area = area,
            ColStart = Math.Max(left - 1, 0),
            ColEnd = Math.Min(right + 1, width),
            RowStart = Math.Max(top - 1, 0),
            RowEnd = Math.Min(bottom + 1, height),
            ShiftHV = Math.Max(shiftHV, 0),
            ShiftD = Math.Max(shiftD, 0),
            NumeratorRowShift = CeilLog2(height),
            DenominatorShift = scale == 0 ? 0 : CeilLog2(right - left),
            DenominatorRowShift = scale == 0 ? Math.Max(0, (int)Math.Ceiling(Math.Log2(area) - 20)) : CeilLog2(bottom - top),
        };
    }

    private static int CeilLog2(double x) => (int)Math.Ceiling(Math.Log2(x));
}
