// Deliberately wrong: media reporting pipeline progress (the rule "Media does not depend on the pipeline or the
// operations"). Its use of the device layer is allowed and must not be reported.
namespace Ovni.Architecture.Fixture;

internal sealed class FixtureReader(FixtureDevice device)
{
    public FixtureDevice Device { get; } = device;

    public FixtureProgress Progress() => new(0);
}
