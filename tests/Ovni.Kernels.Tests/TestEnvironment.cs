// Why: tests find the repository, the shared media folder and the native build without configuration.
namespace Ovni.Kernels.Tests;

internal static class TestEnvironment
{
    /// <summary>The folder holding Ovni.sln, found by walking up from the test binaries.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>../shared next to the repository, or null when this machine has none.</summary>
    public static string? SharedDir
    {
        get
        {
            string path = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));
            return Directory.Exists(path) ? path : null;
        }
    }

    /// <summary>Where libovni_kernels_host.so is built (OVNI_NATIVE_DIR overrides).</summary>
    public static string NativeLibDir =>
        Environment.GetEnvironmentVariable("OVNI_NATIVE_DIR") is { Length: > 0 } dir
            ? dir
            : Path.Combine(RepoRoot, "native", "build", "lib");

    /// <summary>Full path of a program on PATH, or null.</summary>
    public static string? FindProgram(string name)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            string candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string FindRepoRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ovni.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Ovni.sln above {AppContext.BaseDirectory}.");
    }
}
