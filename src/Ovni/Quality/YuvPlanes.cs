// A frame handed to the scorer as 2-D views (any pitch); chroma is optional and only feeds PSNR cb/cr.
using CommunityToolkit.HighPerformance;

namespace Ovni.Quality;

/// <summary>Views of one frame's planes. <typeparamref name="T"/> is <see cref="byte"/> for 8-bit, <see cref="ushort"/> above.</summary>
internal readonly ref struct YuvPlanes<T> where T : unmanaged
{
    /// <summary>Luma only (VMAF, SSIM and psnr_y need nothing else).</summary>
    public YuvPlanes(ReadOnlySpan2D<T> y)
    {
        Y = y;
    }

    /// <summary>Luma and both chroma planes.</summary>
    public YuvPlanes(ReadOnlySpan2D<T> y, ReadOnlySpan2D<T> u, ReadOnlySpan2D<T> v)
    {
        Y = y;
        U = u;
        V = v;
        HasChroma = true;
    }

    /// <summary>The luma plane.</summary>
    public ReadOnlySpan2D<T> Y { get; }

    /// <summary>The U (Cb) plane, empty when <see cref="HasChroma"/> is false.</summary>
    public ReadOnlySpan2D<T> U { get; }

    /// <summary>The V (Cr) plane, empty when <see cref="HasChroma"/> is false.</summary>
    public ReadOnlySpan2D<T> V { get; }

    /// <summary>Whether chroma planes were given.</summary>
    public bool HasChroma { get; }
}
