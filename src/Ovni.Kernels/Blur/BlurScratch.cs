// Why: the fused blur keeps its horizontally blurred rows in a small ring of 16-bit rows instead of a whole temporary
// plane; each thread reuses one pinned buffer for that ring, so a blur allocates only when a plane is larger than any
// this thread blurred before.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Ovni.Kernels;

/// <summary>Per-thread, grow-only, pinned 16-bit scratch memory for <see cref="PlaneBlur.Blur"/>.</summary>
internal static unsafe class BlurScratch
{
    // 64-byte alignment for the vector rows: one cache line per 32 samples.
    private const int AlignWords = 32;

    [ThreadStatic]
    private static ushort[]? t_words;

    /// <summary>At least <paramref name="words"/> 16-bit slots, 64-byte aligned, valid until this thread's next call.</summary>
    public static ushort* Words(long words)
    {
        if (words > int.MaxValue - AlignWords)
        {
            throw new ArgumentOutOfRangeException(nameof(words), words, "A blur ring this large does not fit one buffer.");
        }

        ushort[]? buffer = t_words;
        if (buffer is null || buffer.Length < words + AlignWords)
        {
            buffer = GC.AllocateUninitializedArray<ushort>((int)words + AlignWords, pinned: true);
            t_words = buffer;
        }

        nint start = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
        return (ushort*)((start + 63) & ~(nint)63);
    }
}
