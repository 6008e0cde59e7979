// A device-layer type: the target of the fixture's wrong interop reference, and of an allowed one from media.
namespace Ovni.Architecture.Fixture;

internal sealed class FixtureDevice
{
    public string Name => "fixture device";
}
