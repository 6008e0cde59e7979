namespace Ovni.Quality;

/// <summary>Chroma plane layout of planar YUV input.</summary>
internal enum ChromaSubsampling
{
    /// <summary>Chroma at half width and half height (yuv420p).</summary>
    Yuv420,
    /// <summary>Chroma at half width, full height (yuv422p).</summary>
    Yuv422,
    /// <summary>Chroma at full resolution (yuv444p).</summary>
    Yuv444,
}
