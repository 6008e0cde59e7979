using CommunityToolkit.HighPerformance;

namespace Ovni.Render.Tests;

/// <summary>Adler-32 (RFC 1950) of a plane's visible rows, the checksum ffmpeg's showinfo filter prints per plane.</summary>
internal static class Adler32
{
    internal static uint OfPlane(GpuFrame frame, int plane)
    {
        Span2D<byte> view = frame.GetPlane<byte>(plane);
        uint a = 0, b = 0; // showinfo seeds its running Adler-32 with 0, not RFC 1950's 1
        for (int y = 0; y < view.Height; y++)
            foreach (byte value in view.GetRowSpan(y))
            {
                a = (a + value) % 65521;
                b = (b + a) % 65521;
            }
        return (b << 16) | a;
    }
}
