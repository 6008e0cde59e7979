using System.CommandLine;
using System.Text.Json;
using Spectre.Console;

namespace Ovni.Cli.Commands;

/// <summary><c>ovni transcode IN OUT [--codec] [--crf] [--preset] [--copy-audio] [--audio-codec] [--audio-bitrate] [--drop-unsupported] [--strict] [--url] [--json]</c>.</summary>
internal static class TranscodeCommand
{
    internal static Command Create()
    {
        var input = new Argument<string>("input") { Description = "Source media file (any name is a file; network URLs such as https:// or srt:// are streams)." };
        var output = new Argument<string>("output") { Description = "Destination (.mp4, .mkv, .mov, .webm); written atomically, never over an input." };
        var codec = new Option<string>("--codec") { Description = "h264 | hevc | av1, or any FFmpeg encoder name.", DefaultValueFactory = _ => "h264" };
        var crf = new Option<int?>("--crf") { Description = "Constant rate factor (quality; lower is better)." };
        var preset = new Option<string?>("--preset") { Description = "Encoder preset (x264/x265: ultrafast … veryslow; SVT-AV1: 0–13)." };
        var threads = new Option<int>("--threads") { Description = "Encoder threads (0 = automatic)." };
        var copyAudio = new Option<bool>("--copy-audio") { Description = "Copy audio and subtitle streams from the source.", DefaultValueFactory = _ => true };
        var audioCodec = new Option<string?>("--audio-codec") { Description = "Re-encode the audio: aac | opus, or any FFmpeg audio encoder name (default: copy it)." };
        var audioBitRate = new Option<long?>("--audio-bitrate") { Description = "Audio bit rate in bits per second when re-encoding (default 64 kb/s per channel for AAC, 48 for Opus)." };
        var dropUnsupported = new Option<bool>("--drop-unsupported") { Description = "Drop source streams the output container cannot hold (default: fail and say why)." };
        var strict = new Option<bool>("--strict") { Description = "Fail at the first decode error or truncation instead of concealing it (and warning)." };
        var url = new Option<bool>("--url") { Description = "Hand the input to FFmpeg as a URL of any protocol (pipe:, concat:, …) instead of a file name." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON, no progress bar." };
        var command = new Command("transcode", "Re-encode the video of a file, copying its audio and subtitles.")
        {
            input, output, codec, crf, preset, threads, copyAudio, audioCodec, audioBitRate, dropUnsupported, strict, url, json,
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
            var reading = new MediaReaderOptions { Strict = parse.GetValue(strict), TreatAsUrl = parse.GetValue(url) };
            TranscodeResult result;
            try
            {
                if (parse.GetValue(json) || Console.IsOutputRedirected)
                {
                    result = await Transcoder.TranscodeAsync(inPath, outPath, encoding, options, readerOptions: reading, cancellationToken: ct);
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
                            TranscodeResult r = await Transcoder.TranscodeAsync(inPath, outPath, encoding, options, progress: progress, readerOptions: reading, cancellationToken: ct);
                            task.Value = 1.0;
                            return r;
                        });
                }
            }
            catch (OvniException e) when (!e.Message.Contains(outPath, StringComparison.Ordinal))
            {
                // The input and the cause come first; the output is named last, so the user knows it was left alone.
                throw new OvniException($"{e.Message.TrimEnd('.')}. Nothing was written to '{outPath}'.", e) { FilePath = e.FilePath };
            }
            DecodeReport? decoded = result.Input;
            if (parse.GetValue(json))
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    output = result.Output, frames = result.Frames, seconds = result.Elapsed.TotalSeconds,
                    fps = result.FramesPerSecond, encoder = encoding.Encoder, skipped_streams = result.SkippedStreams,
                    frames_announced = decoded?.FramesAnnounced ?? 0,
                    fewer_frames_than_announced = result.FewerFramesThanAnnounced,
                    decode_errors = decoded?.ErrorCount ?? 0,
                    first_decode_errors = decoded?.Errors.Select(e => new { seconds = e.Position?.TotalSeconds, message = e.Message }) ?? [],
                    truncated = decoded?.EndedEarly ?? false,
                    warnings = result.Warnings,
                }, CliJson.Options));
            else
                Console.WriteLine($"{result.Frames} frames in {result.Elapsed.TotalSeconds:0.00} s = {result.FramesPerSecond:0.0} fps -> {result.Output}");
            foreach (string warning in result.Warnings) Console.Error.WriteLine($"ovni: warning: {warning}");
            return 0;
        }));
        return command;
    }
}
