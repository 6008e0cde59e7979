// Why: phones record portrait video as landscape pictures and say "turn this by 90°" in the stream's display matrix.
// A re-encode keeps the pictures as they are coded, so it must keep the matrix too, or the video plays on its side.
// (The ffmpeg tool turns the pixels instead; Ovni keeps them, so that quality scores compare picture with picture.)
// FFmpeg 5.1 stores the matrix only in the MP4/QuickTime family (tkhd); its Matroska and WebM muxers write none.
using System.Globalization;
using Microsoft.Extensions.Logging;
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

    /// <summary>
    /// The matrix of an opened source's video stream when <paramref name="outputFormat"/> stores it; otherwise null, and
    /// when the source has one, a note in <paramref name="skipped"/> (logged as a warning). Not refused: the pictures are
    /// all there, only how players turn them is lost.
    /// </summary>
    internal static DisplayRotation? ForOutput(void* source, string sourcePath, void* outputFormat, ILogger logger, List<string> skipped)
    {
        int index = MediaReader.FindVideoStream(source, null);
        DisplayRotation? rotation = index < 0 ? null : Of(MediaProbe.Stream(source, index));
        // Only FFmpeg's MP4/QuickTime muxers write the matrix; the others would drop it without a word.
        if (rotation is null || ContainerSupport.IsMovFamily(outputFormat)) return rotation;
        string note = rotation.LostIn(outputFormat);
        skipped.Add(note);
        logger.LogWarning("{Path}: {Note}", sourcePath, note);
        return null;
    }

    /// <summary>Attaches the matrix to an output stream, before its header is written.</summary>
    internal void AddTo(byte* stream, string path) => StreamSideData.Add(stream, PacketSideDataDisplayMatrix, _matrix, "the display rotation", path);

    /// <summary>The note for an output whose container cannot hold the matrix.</summary>
    internal string LostIn(void* outputFormat) => string.Create(CultureInfo.InvariantCulture,
        $"the {ContainerSupport.MuxerName(outputFormat)} muxer of this FFmpeg cannot store the video's display rotation ({Degrees}°), so the output plays unrotated; write .mp4 or .mov to keep it");
}
