namespace Ovni.Encoding.Library;

/// <summary>Puts a frame size into its <see cref="ResolutionClass"/>: by the larger side, so portrait and cinema crops
/// (1920×818) land where their width says.</summary>
internal static class Resolution
{
    internal static ResolutionClass Classify(int width, int height)
    {
        int side = Math.Max(width, height);
        return side >= 3200 ? ResolutionClass.Uhd4K : side >= 1800 ? ResolutionClass.Hd1080 : side >= 1200 ? ResolutionClass.Hd720 : ResolutionClass.Sd;
    }

    internal static string Name(ResolutionClass c) => c switch
    {
        ResolutionClass.Uhd4K => "4k",
        ResolutionClass.Hd1080 => "1080p",
        ResolutionClass.Hd720 => "720p",
        _ => "sd",
    };
}
