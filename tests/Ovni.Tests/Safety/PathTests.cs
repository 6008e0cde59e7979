using System.Text.Json;

namespace Ovni.Tests.Safety;

/// <summary>
/// Issue 12, item 4: relative names were handed to FFmpeg as URLs: "ovni probe take1:final.mp4" failed with "Protocol not
/// found", and with both "file:a.mp4" and "a.mp4" present "transcode file:a.mp4" encoded a.mp4. Paths are files now.
/// </summary>
public class PathTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void Clip(string path, string size, int frames)
    {
        FFmpegCli.Run("ffmpeg", "-v", "error", "-f", "lavfi", "-i", $"testsrc2=size={size}:rate=10", "-frames:v", frames.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast", path);
    }

    [Fact]
    public void A_name_with_a_colon_is_a_file_for_the_library_and_the_tool()
    {
        using var temp = new TempDirectory();
        Clip(temp.File("take1:final.mp4"), "160x90", 5);
        Assert.Equal(160, MediaReader.Probe(temp.File("take1:final.mp4")).Video!.Width);

        // Relative, as a user types it, from the folder holding it.
        var start = OvniCli.StartInfo(null, "probe", "take1:final.mp4", "--json");
        start.WorkingDirectory = temp.Path;
        using var process = System.Diagnostics.Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error);
        using JsonDocument json = JsonDocument.Parse(output);
        Assert.Equal(160, json.RootElement.GetProperty("video").GetProperty("width").GetInt32());
    }

    [Fact]
    public async Task File_colon_names_the_file_literally_named_so()
    {
        using var temp = new TempDirectory();
        Clip(temp.File("a.mp4"), "160x90", 5);
        Clip(temp.File("file:a.mp4"), "320x180", 7); // a file literally named "file:a.mp4", different from a.mp4
        await using (MediaReader reader = MediaReader.Open(temp.File("file:a.mp4"))) Assert.Equal(320, reader.Video.Width);

        // Relative, as a user types it: FFmpeg alone would read "file:a.mp4" as the file protocol and open a.mp4.
        var start = OvniCli.StartInfo(null, "transcode", "file:a.mp4", "out.mp4", "--preset", "ultrafast", "--json");
        start.WorkingDirectory = temp.Path;
        using var process = System.Diagnostics.Process.Start(start)!;
        string output = await process.StandardOutput.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        Assert.Equal(0, process.ExitCode);
        Assert.Equal(7, JsonDocument.Parse(output).RootElement.GetProperty("frames").GetInt32());
        Assert.Equal(7, FFmpegCli.CountFrames(temp.File("out.mp4")));
    }

    [Theory]
    [InlineData("https://example.com/v.mp4", false)]
    [InlineData("rtmp://host/live", false)]
    [InlineData("srt://host:9000", false)]
    [InlineData("take1:final.mp4", true)]
    [InlineData("file:a.mp4", true)]
    [InlineData("C:\\videos\\a.mp4", true)]
    [InlineData("pipe:0", true)]
    public void Only_network_schemes_are_urls(string input, bool isFile)
    {
        Assert.Equal(isFile, IO.MediaPath.IsLocalFile(input));
        string url = IO.MediaPath.ToFFmpegUrl(input);
        if (isFile) Assert.Equal("file:" + Path.GetFullPath(input), url);
        else Assert.Equal(input, url);
        Assert.Equal(input, IO.MediaPath.ToFFmpegUrl(input, forceUrl: true));
    }
}
