using System.Diagnostics;
using System.Globalization;

namespace Ovni.Render.Tests.Samples;

/// <summary>
/// The promo sample as the README runs it: a 1080p, 5-second H.264 file (DrawTextTests check the text itself). Without ../shared/media
/// the sample renders generated clips, so this runs in a plain clone too (it needs the ffmpeg tool and a font).
/// </summary>
public class PromoSampleTests
{
    [Fact]
    public async Task The_promo_sample_renders_five_seconds_of_1080p_H264()
    {
        Fonts.Require();
        using var folder = new TempDirectory();
        string output = Path.Combine(folder.Path, "promo.mp4");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Ovni.Samples.Promo.dll"));
        start.ArgumentList.Add(output);
        using Process process = Process.Start(start)!;
        Task<string> errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        string printed = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, printed + await errors);
        Assert.Contains("150 frames (1920x1080)", printed);

        string probe = FFmpegCli.Run("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height,codec_name:format=duration",
            "-of", "default=noprint_wrappers=1", output);
        Assert.Contains("codec_name=h264", probe);
        Assert.Contains("width=1920", probe);
        Assert.Contains("height=1080", probe);
        double duration = double.Parse(probe.Split('\n').First(l => l.StartsWith("duration=", StringComparison.Ordinal))[9..], CultureInfo.InvariantCulture);
        Assert.InRange(duration, 4.95, 5.05);
        Assert.Equal(150, FFmpegCli.CountFrames(output));
    }
}
