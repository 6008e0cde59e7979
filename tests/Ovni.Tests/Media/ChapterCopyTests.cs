namespace Ovni.Tests.Media;

/// <summary>Chapters of the copy source reach the output with their times and titles, in Matroska and in MP4.</summary>
public class ChapterCopyTests
{
    [Theory]
    [InlineData("out.mkv")]
    [InlineData("out.mp4")]
    public async Task Chapters_of_the_source_are_kept(string name)
    {
        string clip = TestMedia.Require("internal_emulator_transformer_output.mp4");
        using var temp = new TempDirectory();
        string source = temp.File("chaptered.mkv"), metadata = temp.File("chapters.txt"), output = temp.File(name);
        File.WriteAllText(metadata, ";FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=2500\ntitle=Morning\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=2500\nEND=4900\ntitle=The dog\n");
        FFmpegCli.Run("ffmpeg", "-v", "error", "-y", "-i", clip, "-i", metadata, "-map", "0", "-map_chapters", "1", "-c", "copy", source);

        await Transcoder.TranscodeAsync(source, output, new VideoEncoderOptions { Crf = 30, Preset = "ultrafast" }, cancellationToken: TestContext.Current.CancellationToken);

        string chapters = FFmpegCli.Run("ffprobe", "-v", "error", "-show_entries", "chapter=start_time,end_time:chapter_tags=title", "-of", "csv=p=0", output);
        Assert.Equal(["0.000000,2.500000,Morning", "2.500000,4.900000,The dog"], chapters.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task A_source_without_chapters_gives_an_output_without_chapters()
    {
        string clip = TestMedia.Require("internal_emulator_transformer_output.mp4");
        using var temp = new TempDirectory();
        string output = temp.File("out.mkv");
        await Transcoder.TranscodeAsync(clip, output, new VideoEncoderOptions { Crf = 30, Preset = "ultrafast" }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("", FFmpegCli.Run("ffprobe", "-v", "error", "-show_entries", "chapter=start_time", "-of", "csv=p=0", output).Trim());
    }
}
