// Why: YUV444P layout for the generic conversion loop: three full-size planes.
namespace Ovni.Kernels;

internal readonly unsafe struct Yuv444PSampleReader : IYuvSampleReader
{
    public static int ExtraBits => 0;

    public static int ChromaRowShift => 0;

    public static int Luma(byte* yRow, int x) => yRow[x];

    public static void Chroma(byte* uRow, byte* vRow, int x, out int u, out int v)
    {
        u = uRow[x];
        v = vRow[x];
    }
}
