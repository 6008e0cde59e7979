namespace Ovni.Encoding.Library;

/// <summary>Resolution classes used by the bit-rate filter and the ETA model.</summary>
public enum ResolutionClass
{
    /// <summary>Below 720p (larger side under 1200 pixels).</summary>
    Sd,
    /// <summary>720p (larger side 1200–1799).</summary>
    Hd720,
    /// <summary>1080p (larger side 1800–3199).</summary>
    Hd1080,
    /// <summary>4K and above (larger side 3200 or more).</summary>
    Uhd4K,
}
