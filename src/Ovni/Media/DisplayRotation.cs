// Why: phones record portrait video as landscape pictures and say "turn this by 90°" in the stream's display matrix.
// A re-encode keeps the pictures as they are coded, so it must keep the matrix too, or the video plays on its side.
// (The ffmpeg tool turns the pixels instead; Ovni keeps them, so that quality scores compare picture with picture.)
// FFmpeg 5.1 stores the matrix only in the MP4/QuickTime family (tkhd); its Matroska and WebM muxers write none.
using System.Globalization;
using Ovni.Interop.FFmpeg;

namespace Ovni;

/// <summary>The display matrix of a source's video stream, carried to an output that holds the same pictures.</summary>
internal sealed unsafe class DisplayRotation
{
    private const int PacketSideDataDisplayMatrix = 5; // AV_PKT_DATA_DISPLAYMATRIX
    private const int MatrixBytes = 9 * sizeof(int);

    private readonly byte[] _matrix;

    private DisplayRotation(byte[] matrix, double degrees)
    {
        _matrix = matrix;
        Degrees = degrees;
    }

    /// <summary>Counter-clockwise, as <see cref="VideoStreamInfo.Rotation"/> reports it (−90 for a portrait phone video).</summary>
    internal double Degrees { get; }

    /// <summary>The matrix of <paramref name="stream"/>, or null when it has none or it is the identity.</summary>
    internal static DisplayRotation? Of(byte* stream)
    {
        ReadOnlySpan<byte> data = StreamSideData.Find(stream, PacketSideDataDisplayMatrix);
        if (data.Length < MatrixBytes) return null;
        ReadOnlySpan<int> m = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(data[..MatrixBytes]);
        if (m[0] == 1 << 16 && m[1] == 0 && m[2] == 0 && m[3] == 0 && m[4] == 1 << 16 && m[5] == 0 && m[6] == 0 && m[7] == 0) return null;
        double angle;
        fixed (int* p = m) angle = FFmpegApi.av_display_rotation_get(p);
        return new DisplayRotation(data[..MatrixBytes].ToArray(), double.IsNaN(angle) ? 0 : Math.Round(angle, 2));
    }

    /// <summary>The matrix of <paramref name="path"/>'s video stream, or null.</summary>
    internal static DisplayRotation? OfVideo(string path)
    {
        using InputFormatContextHandle input = MediaReader.OpenContainer(path);
        int index = MediaReader.FindVideoStream(input.Pointer, null);
        return index < 0 ? null : Of(MediaProbe.Stream(input.Pointer, index));
    }

    /// <summary>Whether the muxer writes the matrix (the MP4/QuickTime family); the others would drop it without a word.</summary>
    internal static bool ContainerKeepsIt(void* outputFormat) => ContainerSupport.IsMovFamily(outputFormat);

    /// <summary>Attaches the matrix to an output stream, before its header is written.</summary>
    internal void AddTo(byte* stream, string path) => StreamSideData.Add(stream, PacketSideDataDisplayMatrix, _matrix, "the display rotation", path);

    /// <summary>The note for an output whose container cannot hold the matrix.</summary>
    internal string LostIn(void* outputFormat) => string.Create(CultureInfo.InvariantCulture,
        $"the {ContainerSupport.MuxerName(outputFormat)} muxer of this FFmpeg cannot store the video's display rotation ({Degrees}°), so the output plays unrotated; write .mp4 or .mov to keep it");
}
