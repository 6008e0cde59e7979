// Deliberately wrong: interop reaching up into the device layer (the rule "Interop depends on nothing above it").
namespace Ovni.Architecture.Fixture;

internal static class NativeCalls
{
    public static string Describe(FixtureDevice device) => device.Name;
}
