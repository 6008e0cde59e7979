using System.Diagnostics;

namespace Ovni.Testing;

/// <summary>Caption tests need a font that fontconfig can find; without one they skip and say what to install.</summary>
internal static class Fonts
{
    public static void Require()
    {
        if (!OperatingSystem.IsLinux()) return;
        string fonts = "";
        try
        {
            using Process process = Process.Start(new ProcessStartInfo("fc-list") { RedirectStandardOutput = true, UseShellExecute = false })!;
            fonts = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No fontconfig tools at all: the same answer as no fonts.
        }
        if (fonts.Trim().Length == 0)
            Assert.Skip("fontconfig lists no fonts; install one (Debian: apt-get install fonts-dejavu-core) to render captions.");
    }
}
