// Why: the VMAF extractors' filters are written once and run at every SIMD width (Vector512 on AVX-512,
// Vector256 on AVX2, Vector128 on SSE4/NEON). A kernel is a generic method over a struct implementing this
// interface; the JIT specialises it per struct, so every call below inlines to one or two instructions.
// The carrier TV is the tier's vector of shorts; each operation reinterprets it as the lanes it works on.
namespace Ovni.Kernels.Quality.Lanes;

/// <summary>Integer operations on 16- and 32-bit lanes of one SIMD width.</summary>
internal unsafe interface IWordLanes<TV> where TV : struct
{
    /// <summary>16-bit lanes per vector (32-bit lanes are half as many).</summary>
    static abstract int Count16 { get; }

    static abstract TV Load(void* source);

    static abstract void Store(TV value, void* destination);

    /// <summary><c>Count16 / 2</c> unsigned 16-bit words zero-extended to 32-bit lanes.</summary>
    static abstract TV LoadWidened(ushort* source);

    static abstract TV Splat16(short value);

    static abstract TV Splat32(int value);

    static abstract TV Add16(TV a, TV b);

    static abstract TV Subtract16(TV a, TV b);

    /// <summary>The low 16 bits of each 16-bit product.</summary>
    static abstract TV MultiplyLow16(TV a, TV b);

    /// <summary>The high 16 bits of each unsigned 16-bit product.</summary>
    static abstract TV MultiplyHighUnsigned16(TV a, TV b);

    static abstract TV Add32(TV a, TV b);

    static abstract TV Subtract32(TV a, TV b);

    /// <summary>The low 32 bits of each 32-bit product.</summary>
    static abstract TV MultiplyLow32(TV a, TV b);

    /// <summary>Per 32-bit lane of unsigned a and b: <c>(a*b + 2^31) &gt;&gt; 32</c> (the rounded high half of the 64-bit product).</summary>
    static abstract TV MultiplyHighRounded32(TV a, TV b);

    /// <summary>Per 32-bit lane: signed 16-bit pairs multiplied and the two products added (x86 pmaddwd).</summary>
    static abstract TV MultiplyAddAdjacent(TV a, TV b);

    static abstract TV And(TV a, TV b);

    static abstract TV Xor(TV a, TV b);

    static abstract TV ShiftLeft32(TV a, int count);

    static abstract TV ShiftRightLogical32(TV a, int count);

    /// <summary>Signed 32-bit maximum.</summary>
    static abstract TV Max32(TV a, TV b);

    /// <summary>16-bit lanes of a and b interleaved, from the low half of each 128-bit block.</summary>
    static abstract TV InterleaveLow16(TV a, TV b);

    /// <summary>As <see cref="InterleaveLow16"/>, from the high half of each 128-bit block.</summary>
    static abstract TV InterleaveHigh16(TV a, TV b);

    /// <summary>
    /// 32-bit lanes in [0, 65535] of <paramref name="low"/> and <paramref name="high"/> to 16-bit lanes, per 128-bit block
    /// the low vector's four lanes then the high vector's: the inverse of <see cref="InterleaveLow16"/>/<see cref="InterleaveHigh16"/>,
    /// so values computed from interleaved halves come back in column order.
    /// </summary>
    static abstract TV PackUnsigned(TV low, TV high);

    /// <summary>32-bit lanes in [0, 65535] of a then b to 16-bit lanes in plain order.</summary>
    static abstract TV Narrow(TV a, TV b);

    /// <summary>As <see cref="PackUnsigned"/> for signed 32-bit lanes in [-32768, 32767].</summary>
    static abstract TV PackSigned(TV low, TV high);

    static abstract TV Or(TV a, TV b);

    static abstract TV ShiftRightArithmetic32(TV a, int count);

    static abstract TV Abs32(TV a);

    /// <summary>Signed 32-bit minimum.</summary>
    static abstract TV Min32(TV a, TV b);

    /// <summary>All ones in each 32-bit lane where a &gt; b (signed), else zero.</summary>
    static abstract TV GreaterThan32(TV a, TV b);

    /// <summary>Bits of a where mask is set, else of b.</summary>
    static abstract TV Select(TV mask, TV a, TV b);

    /// <summary><c>table[index]</c> per 32-bit lane.</summary>
    static abstract TV Gather32(int* table, TV index);

    /// <summary>
    /// ADM's one-degree angle test per 32-bit lane (ALGORITHM.md §4.3): with F(x) = double(f32(x)) / 4096, all ones where
    /// F(dot) &gt;= 0 and F(dot)^2 &gt;= cos2 * F(po) * F(pt), evaluated left to right in double.
    /// </summary>
    static abstract TV AngleFlag(TV dot, TV po, TV pt, double cos2);

    static abstract TV Splat64(long value);

    static abstract TV Add64(TV a, TV b);

    static abstract TV ShiftRightLogical64(TV a, int count);

    /// <summary>The 64-bit products of the unsigned low 32 bits of each 64-bit lane (x86 pmuludq).</summary>
    static abstract TV MultiplyEvenUnsigned(TV a, TV b);

    /// <summary>The 64-bit products of the signed low 32 bits of each 64-bit lane (x86 pmuldq).</summary>
    static abstract TV MultiplyEvenSigned(TV a, TV b);

    /// <summary>The low 32 bits of the 64-bit lanes of a then b, in plain order.</summary>
    static abstract TV NarrowInt64(TV a, TV b);

    static abstract TV ShiftLeft64(TV a, int count);

    /// <summary>The sum of the 64-bit lanes.</summary>
    static abstract long Sum64(TV a);
}
