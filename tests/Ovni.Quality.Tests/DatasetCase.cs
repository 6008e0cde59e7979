// One case of ../shared/vmaf/dataset: its description, libvmaf's scores, and its decoded raw yuv files.
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;

namespace Ovni.Quality.Tests;

internal sealed record DatasetCase(string Name, string Directory, int Width, int Height, int Frames, string PixelFormat, int BitDepth)
{
    public static DatasetCase Load(string name)
    {
        string dir = Path.Combine(SharedData.RequireVmaf(), "dataset", name);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "case.json")));
        var root = doc.RootElement;
        return new DatasetCase(name, dir, root.GetProperty("width").GetInt32(), root.GetProperty("height").GetInt32(),
            root.GetProperty("frames").GetInt32(), root.GetProperty("pix_fmt").GetString()!, root.GetProperty("bitdepth").GetInt32());
    }

    public static IEnumerable<string> AllNames()
    {
        string? dir = SharedData.VmafDirectory;
        if (dir is null) return [];
        return System.IO.Directory.GetDirectories(Path.Combine(dir, "dataset"))
            .Where(d => File.Exists(Path.Combine(d, "case.json")))
            .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);
    }

    public YuvFormat Format => new(Width, Height, BitDepth, ChromaSubsampling.Yuv420);

    /// <summary>ref.mkv is stored as a text file holding its relative target (a link that did not survive copying).</summary>
    public string ReferencePath
    {
        get
        {
            string path = Path.Combine(Directory, "ref.mkv");
            if (new FileInfo(path).Length < 256)
                path = Path.GetFullPath(Path.Combine(Directory, File.ReadAllText(path).Trim()));
            return path;
        }
    }

    public string DecodeReference() => Decode(ReferencePath, upscale: false, bitexact: false);

    public string DecodeDistorted()
    {
        string mp4 = Path.Combine(Directory, "dist.mp4");
        if (File.Exists(mp4)) return Decode(mp4, upscale: false, bitexact: true);
        string half = Path.Combine(Directory, "dist_half.mkv");
        if (!File.Exists(half)) return DecodeReference(); // identity case: dist = ref
        return Decode(half, upscale: true, bitexact: false);
    }

    public JsonDocument LoadLibvmafJson() => JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, "vmaf.json")));

    // Decodes exactly as make_dataset.sh did; cached in a temp folder keyed by the source file's hash.
    private string Decode(string source, bool upscale, bool bitexact)
    {
        string cacheDir = Path.Combine(Path.GetTempPath(), "ovni-vmaf-yuv");
        System.IO.Directory.CreateDirectory(cacheDir);
        string hash;
        using (var stream = File.OpenRead(source))
            hash = Convert.ToHexStringLower(SHA256.HashData(stream))[..16];
        string output = Path.Combine(cacheDir, upscale ? $"{hash}.{PixelFormat}.up{Width}x{Height}.yuv" : $"{hash}.{PixelFormat}.yuv");
        if (File.Exists(output)) return output;

        string temp = output + $".{Environment.ProcessId}.tmp";
        var psi = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-nostdin", "-loglevel", "error", "-y" }) psi.ArgumentList.Add(arg);
        if (bitexact) { psi.ArgumentList.Add("-flags:v"); psi.ArgumentList.Add("+bitexact"); }
        psi.ArgumentList.Add("-i"); psi.ArgumentList.Add(source);
        if (upscale) { psi.ArgumentList.Add("-vf"); psi.ArgumentList.Add($"scale={Width}:{Height}:flags=bicubic,format={PixelFormat}"); }
        foreach (var arg in new[] { "-f", "rawvideo", "-pix_fmt", PixelFormat, temp }) psi.ArgumentList.Add(arg);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start ffmpeg");
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"ffmpeg failed decoding {source}: {errors}");
        File.Move(temp, output, overwrite: true);
        return output;
    }
}
