using System.CommandLine;
using System.Text.Json;
using Spectre.Console;

namespace Ovni.Cli.Commands;

/// <summary><c>ovni probe IN [--json]</c>: what a media file contains.</summary>
internal static class ProbeCommand
{
    internal static Command Create()
    {
        var input = new Argument<string>("input") { Description = "Media file to describe." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var url = new Option<bool>("--url") { Description = "Hand the input to FFmpeg as a URL of any protocol (pipe:, concat:, …) instead of a file name." };
        var command = new Command("probe", "Describe a media file: container, streams, colour, rotation.") { input, json, url };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            var options = new MediaReaderOptions { TreatAsUrl = parse.GetValue(url) };
            // A probe cannot be interrupted inside FFmpeg (a stalled network stream); a signal stops waiting for it.
            MediaInfo info = await Task.Run(() => MediaReader.Probe(parse.GetValue(input)!, options), CancellationToken.None).WaitAsync(ct);
            if (parse.GetValue(json)) Console.WriteLine(JsonSerializer.Serialize(info, CliJson.Options));
            else Print(info);
            return 0;
        }));
        return command;
    }

    private static void Print(MediaInfo info)
    {
        var table = new Table().AddColumn("property").AddColumn("value").Border(TableBorder.Rounded);
        table.AddRow("file", Markup.Escape(info.Path));
        table.AddRow("container", Markup.Escape(info.Container));
        table.AddRow("duration", $"{info.Duration.TotalSeconds:0.###} s");
        if (info.Video is { } v)
        {
            table.AddRow("video", Markup.Escape($"#{v.Index} {v.Codec} {v.Width}x{v.Height} {v.PixelFormatName} ({v.BitDepth}-bit)"));
            table.AddRow("frame rate", $"{v.FrameRate} ({v.FrameRate.ToDouble():0.###} fps), ~{v.EstimatedFrameCount} frames");
            table.AddRow("colour", Markup.Escape(v.Color.ToString()) + (v.Color.IsHdr ? " [yellow]HDR[/]" : ""));
            if (v.Rotation != 0) table.AddRow("rotation", $"{v.Rotation}°");
        }
        foreach (AudioStreamInfo a in info.AudioStreams)
            table.AddRow("audio", Markup.Escape($"#{a.Index} {a.Codec} {a.SampleRate} Hz {a.Channels} ch {a.Language}"));
        foreach (SubtitleStreamInfo s in info.SubtitleStreams)
            table.AddRow("subtitles", Markup.Escape($"#{s.Index} {s.Codec} {s.Language}"));
        AnsiConsole.Write(table);
    }
}
