using System.CommandLine;

namespace Ovni.Cli.Commands;

/// <summary>
/// Refuses an empty value ("" from a script whose variable was unset) for every text argument and option, as a parse error
/// that names it. It used to reach the library as an <see cref="ArgumentException"/> and end in "this is a bug".
/// </summary>
internal static class EmptyValues
{
    // Options where "" is a value: an empty list of cuts means chunks by length only.
    private static readonly HashSet<string> EmptyAllowed = ["--cuts"];

    /// <summary>Adds the check to every text argument and option of <paramref name="command"/> and its subcommands.</summary>
    internal static void RefuseIn(Command command)
    {
        foreach (Argument argument in command.Arguments)
            if (IsText(argument.ValueType))
                argument.Validators.Add(result =>
                {
                    if (result.Tokens.Any(t => string.IsNullOrWhiteSpace(t.Value))) result.AddError($"The <{argument.Name}> argument is empty.");
                });
        foreach (Option option in command.Options)
            if (IsText(option.ValueType) && !EmptyAllowed.Contains(option.Name))
                option.Validators.Add(result =>
                {
                    if (result.Tokens.Any(t => string.IsNullOrWhiteSpace(t.Value))) result.AddError($"{option.Name} was given an empty value.");
                });
        foreach (Command sub in command.Subcommands) RefuseIn(sub);
    }

    private static bool IsText(Type type) => type == typeof(string) || type == typeof(string[]);
}
