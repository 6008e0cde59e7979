using System.Runtime.InteropServices;

namespace Ovni.Interop.Libass;

/// <summary>
/// libass's ASS_Image (ass.h): one solid-colour glyph layer as an 8-bit coverage mask. The layout has
/// been the same since libass 0.9; new fields may only be appended, and Ovni never allocates these.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct AssImage
{
    public int Width;
    public int Height;
    public int Stride;
    /// <summary>Coverage, one byte per pixel; the last row may be shorter than <see cref="Stride"/>.</summary>
    public byte* Bitmap;
    /// <summary>0xRRGGBBAA where AA is transparency (0 = opaque).</summary>
    public uint Color;
    public int DestinationX;
    public int DestinationY;
    public AssImage* Next;
    /// <summary>0 character, 1 outline, 2 shadow.</summary>
    public int Type;
}
