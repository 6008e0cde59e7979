// An operations-layer type: the target of the fixture's wrong quality reference.
namespace Ovni.Architecture.Fixture;

internal static class FixtureOperation
{
    public static int Apply(int value) => value + 1;
}
