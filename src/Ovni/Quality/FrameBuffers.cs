// Pooled copies of one frame pair's planes (16-bit samples whatever the input depth), reference-counted
// because the next frame's motion still reads this frame's reference luma.
namespace Ovni.Quality;

internal sealed class FrameBuffers
{
    public FrameBuffers(YuvFormat format)
    {
        int luma = format.Width * format.Height, chroma = format.ChromaWidth * format.ChromaHeight;
        RefY = new ushort[luma];
        DistY = new ushort[luma];
        RefU = new ushort[chroma]; RefV = new ushort[chroma];
        DistU = new ushort[chroma]; DistV = new ushort[chroma];
    }

    public ushort[] RefY { get; }
    public ushort[] DistY { get; }
    public ushort[] RefU { get; }
    public ushort[] RefV { get; }
    public ushort[] DistU { get; }
    public ushort[] DistV { get; }
    public bool HasChroma { get; set; }
    public int References;
}
