namespace Ovni;

/// <summary>
/// Loads still pictures (PNG, JPEG, WebP, BMP, TIFF, … whatever this FFmpeg's image demuxers and decoders
/// read) into RGBA frames with straight alpha. Decoding goes through FFmpeg's own decoders, so an image
/// decodes to exactly the pixels <c>ffmpeg -i image -pix_fmt rgba</c> gives.
/// </summary>
public static class ImageLoader
{
    /// <summary>Decodes the first picture of <paramref name="path"/> to a <see cref="PixelFormat.Rgba"/> frame (pts 0). The caller owns the frame.</summary>
    /// <exception cref="OvniException">The file is missing, not an image, or cannot be decoded.</exception>
    public static GpuFrame LoadRgba(string path) => Load(path, PixelFormat.Rgba);

    /// <summary>Decodes the first picture of <paramref name="path"/> and converts it to <paramref name="format"/> with libswscale.</summary>
    /// <exception cref="OvniException">The file is missing, not an image, or cannot be decoded.</exception>
    public static GpuFrame Load(string path, PixelFormat format)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new OvniException($"Image '{path}' does not exist.") { FilePath = path };
        using GpuFrame decoded = ImageDecoder.DecodeFirst(path);
        using var converter = new FrameConverter(format);
        GpuFrame converted = converter.Convert(decoded);
        converted.Pts = 0;
        converted.Index = 0;
        converted.TimeBase = new Rational(1, 1);
        IO.InputRegistry.Remember(path, converted); // a writer must not replace the picture while it is in use
        return converted;
    }
}
