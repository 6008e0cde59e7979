using System.CommandLine;
using System.Text.Json;
using Spectre.Console;

namespace Ovni.Cli.Commands;

/// <summary><c>ovni transcode IN OUT [--codec] [--crf] [--preset] [--copy-audio] [--audio-codec] [--audio-bitrate] [--drop-unsupported] [--json]</c>.</summary>
internal static class TranscodeCommand
{
    internal static Command Create()
    {
        var input = new Argument<string>("input") { Description = "Source media file." };
        var output = new Argument<string>("output") { Description = "Destination (.mp4, .mkv, .mov, .webm); written atomically." };
        var codec = new Option<string>("--codec") { Description = "h264 | hevc | av1, or any FFmpeg encoder name.", DefaultValueFactory = _ => "h264" };
        var crf = new Option<int?>("--crf") { Description = "Constant rate factor (quality; lower is better)." };
        var preset = new Option<string?>("--preset") { Description = "Encoder preset (x264/x265: ultrafast … veryslow; SVT-AV1: 0–13)." };
        var threads = new Option<int>("--threads") { Description = "Encoder threads (0 = automatic)." };
        var copyAudio = new Option<bool>("--copy-audio") { Description = "Copy audio and subtitle streams from the source.", DefaultValueFactory = _ => true };
        var audioCodec = new Option<string?>("--audio-codec") { Description = "Re-encode the audio: aac | opus, or any FFmpeg audio encoder name (default: copy it)." };
        var audioBitRate = new Option<long?>("--audio-bitrate") { Description = "Audio bit rate in bits per second when re-encoding (default 64 kb/s per channel for AAC, 48 for Opus)." };
        var dropUnsupported = new Option<bool>("--drop-unsupported") { Description = "Drop source streams the output container cannot hold (default: fail and say why)." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON, no progress bar." };
        var command = new Command("transcode", "Re-encode the video of a file, copying its audio and subtitles.")
        {
            input, output, codec, crf, preset, threads, copyAudio, audioCodec, audioBitRate, dropUnsupported, json,
        };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            string inPath = parse.GetValue(input)!, outPath = parse.GetValue(output)!;
            var encoding = new VideoEncoderOptions
            {
                Encoder = VideoEncoderOptions.EncoderFor(parse.GetValue(codec)!),
                Crf = parse.GetValue(crf),
                Preset = parse.GetValue(preset),
                Threads = parse.GetValue(threads),
            };
            bool copy = parse.GetValue(copyAudio);
            var options = new MediaWriterOptions
            {
                CopyAudio = copy,
                CopySubtitles = copy,
                Audio = parse.GetValue(audioCodec) is string audio ? new AudioEncoderOptions { Codec = audio, BitRate = parse.GetValue(audioBitRate) } : null,
                DropUnsupportedStreams = parse.GetValue(dropUnsupported),
            };
            TranscodeResult result;
            if (parse.GetValue(json) || Console.IsOutputRedirected)
            {
                result = await Transcoder.TranscodeAsync(inPath, outPath, encoding, options, cancellationToken: ct);
            }
            else
            {
                result = await AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                    .StartAsync(async context =>
                    {
                        ProgressTask task = context.AddTask(Markup.Escape(Path.GetFileName(inPath)), maxValue: 1.0);
                        var progress = new Progress<PipelineProgress>(p =>
                        {
                            task.Value = p.Fraction;
                            task.Description = Markup.Escape($"{Path.GetFileName(inPath)}  {p.Frames} frames  {p.FramesPerSecond:0.0} fps");
                        });
                        TranscodeResult r = await Transcoder.TranscodeAsync(inPath, outPath, encoding, options, progress: progress, cancellationToken: ct);
                        task.Value = 1.0;
                        return r;
                    });
            }
            if (parse.GetValue(json))
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    output = result.Output, frames = result.Frames, seconds = result.Elapsed.TotalSeconds,
                    fps = result.FramesPerSecond, encoder = encoding.Encoder, skipped_streams = result.SkippedStreams,
                }, CliJson.Options));
            else
                Console.WriteLine($"{result.Frames} frames in {result.Elapsed.TotalSeconds:0.00} s = {result.FramesPerSecond:0.0} fps -> {result.Output}");
            foreach (string skipped in result.SkippedStreams) Console.Error.WriteLine($"ovni: warning: {skipped}");
            return 0;
        }));
        return command;
    }
}
