using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ovni.Cli.Commands;

/// <summary>One JSON style for every command's --json output.</summary>
internal static class CliJson
{
    internal static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // file names with ' and & stay readable
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>The same style on one line, for event streams (one JSON object per line).</summary>
    internal static readonly JsonSerializerOptions Line = new(Options) { WriteIndented = false };
}
