// Why: pitched, aligned native buffers like the GPU's, with padding that must stay untouched.
using System.Runtime.InteropServices;

namespace Ovni.Kernels.Tests;

/// <summary>A pitched plane in native memory; pitch exceeds the row so writes past the row would show.</summary>
internal sealed unsafe class Plane : IDisposable
{
    public Plane(int widthBytes, int height, int extraPitch = 96)
    {
        WidthBytes = widthBytes;
        Height = height;
        Pitch = (widthBytes + extraPitch + 31) & ~31;
        Data = (byte*)NativeMemory.AlignedAlloc((nuint)(Pitch * height), 64);
    }

    public byte* Data { get; }

    public int Pitch { get; }

    public int WidthBytes { get; }

    public int Height { get; }

    public long Address => (long)Data;

    public Span<byte> All => new(Data, Pitch * Height);

    public Span<byte> Row(int y) => new(Data + ((long)y * Pitch), WidthBytes);

    public static Plane Random(int widthBytes, int height, int seed)
    {
        var plane = new Plane(widthBytes, height);
        new Random(seed).NextBytes(plane.All);
        return plane;
    }

    public Plane Clone()
    {
        var copy = new Plane(WidthBytes, Height, Pitch - WidthBytes);
        All.CopyTo(copy.All);
        return copy;
    }

    public void CopyRowsFrom(ReadOnlySpan<byte> tight)
    {
        for (int y = 0; y < Height; y++)
        {
            tight.Slice(y * WidthBytes, WidthBytes).CopyTo(Row(y));
        }
    }

    /// <summary>Asserts both planes are identical byte for byte, padding included; names the first difference.</summary>
    public void AssertSameAs(Plane other, string what)
    {
        Assert.Equal(Pitch, other.Pitch);
        Span<byte> a = All, b = other.All;
        int index = a.CommonPrefixLength(b);
        if (index < a.Length)
        {
            Assert.Fail($"{what}: first difference at row {index / Pitch}, byte {index % Pitch} " +
                $"({(index % Pitch >= WidthBytes ? "padding" : "data")}): {a[index]} vs {b[index]}");
        }
    }

    public void Dispose() => NativeMemory.AlignedFree(Data);
}
