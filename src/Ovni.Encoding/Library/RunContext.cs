using Ovni.Quality;

namespace Ovni.Encoding.Library;

/// <summary>What every file job of one run shares: settings, the queue, the seams, the slots and the event sink.</summary>
internal sealed class RunContext
{
    internal required AutoEncodeOptions Options { get; init; }
    internal required JobStore Store { get; init; }
    internal required string Owner { get; init; }
    internal required IFileEncoder Encoder { get; init; }
    internal required ICrfChooser Chooser { get; init; }
    internal required ResourceGuard Guard { get; init; }
    internal required EtaModel Eta { get; init; }
    internal required SemaphoreSlim VmafSlots { get; init; }
    internal required VmafModel? VmafModel { get; init; }
    internal required Action<AutoEncodeEvent> Emit { get; init; }
    internal required Func<DateTime> Clock { get; init; }

    /// <summary>Runs that were killed this many times on one file exclude it ("it crashes the encoder").</summary>
    internal int MaxInterruptions { get; init; } = 50;

    /// <summary>Lease length; the heartbeat renews it at a sixth of this.</summary>
    internal static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
}
