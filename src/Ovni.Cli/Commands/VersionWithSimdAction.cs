using System.CommandLine;
using System.CommandLine.Invocation;

namespace Ovni.Cli.Commands;

/// <summary>
/// <c>ovni --version</c> prints the version as usual, then the SIMD tier the CPU operations run on here
/// ("SIMD: AVX2"): the same pipeline is several times faster on one tier than another, so reports need it.
/// </summary>
internal sealed class VersionWithSimdAction(SynchronousCommandLineAction inner) : SynchronousCommandLineAction
{
    public override bool ClearsParseErrors => inner.ClearsParseErrors;

    /// <summary>Wraps the root command's version option's action.</summary>
    internal static void Attach(RootCommand root)
    {
        VersionOption version = root.Options.OfType<VersionOption>().Single();
        if (version.Action is SynchronousCommandLineAction original) version.Action = new VersionWithSimdAction(original);
    }

    public override int Invoke(ParseResult parseResult)
    {
        int code = inner.Invoke(parseResult);
        parseResult.InvocationConfiguration.Output.WriteLine($"SIMD: {ComputeDevice.CpuSimdTier}");
        return code;
    }
}
