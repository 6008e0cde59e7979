namespace Ovni;

/// <summary>
/// Strict decoding (<see cref="MediaReaderOptions.Strict"/>, <c>ovni transcode --strict</c>) met damage: a decode error,
/// or data that ends before the container says. <see cref="Report"/> tells what was seen up to that point.
/// </summary>
internal sealed class DamagedMediaException : OvniException
{
    /// <summary>Creates the exception from the report that made strict decoding stop.</summary>
    public DamagedMediaException(DecodeReport report)
        : base(report.Describe() + " Strict decoding stops at the first error.")
    {
        Report = report;
        FilePath = report.Path;
    }

    /// <summary>What the decoder saw up to the failure.</summary>
    public DecodeReport Report { get; }
}
