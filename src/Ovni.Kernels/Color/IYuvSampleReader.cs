// Why: one generic YUV -> RGBA loop serves four layouts; the JIT specialises it per reader struct.
namespace Ovni.Kernels;

/// <summary>Reads luma and chroma of one source layout for pixel column x of a row.</summary>
internal unsafe interface IYuvSampleReader
{
    /// <summary>Bits beyond 8 (0 for 8-bit layouts, 2 for P010).</summary>
    static abstract int ExtraBits { get; }

    /// <summary>log2 of the vertical chroma subsampling (1 for 4:2:0, 0 for 4:4:4).</summary>
    static abstract int ChromaRowShift { get; }

    static abstract int Luma(byte* yRow, int x);

    static abstract void Chroma(byte* uRow, byte* vRow, int x, out int u, out int v);
}
