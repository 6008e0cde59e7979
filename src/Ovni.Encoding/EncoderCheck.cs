namespace Ovni.Encoding;

// Asks this FFmpeg whether an encoder exists before any work is done, through the public writer: creating a writer for
// a throw-away path checks the encoder name (and for NVENC the driver library) without encoding anything.
internal static class EncoderCheck
{
    internal static void Require(string encoder, string input)
    {
        string probe = Path.Combine(Path.GetTempPath(), $"ovni-encoder-check-{Guid.NewGuid():N}.mkv");
        try
        {
            using MediaWriter writer = MediaWriter.Create(probe, new VideoEncoderOptions { Encoder = encoder });
        }
        catch (OvniException e)
        {
            throw new OvniException($"Cannot search '{input}' with {encoder}: {e.Message}", e) { FilePath = input };
        }
        finally
        {
            try { File.Delete(probe); } catch (IOException) { }
        }
    }
}
