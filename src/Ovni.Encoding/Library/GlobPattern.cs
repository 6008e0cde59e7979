using System.Text;
using System.Text.RegularExpressions;

namespace Ovni.Encoding.Library;

/// <summary>
/// A glob matched against a path relative to a library root, with '/' separators: <c>**</c> any number of folders,
/// <c>*</c> any characters within one name, <c>?</c> one character. Case-insensitive, as people write them.
/// A pattern without '/' matches the file name in any folder ("*.sample.mkv").
/// </summary>
internal sealed class GlobPattern
{
    private readonly Regex _regex;

    internal GlobPattern(string pattern)
    {
        Pattern = pattern;
        string p = pattern.Replace('\\', '/');
        if (!p.Contains('/')) p = "**/" + p;
        var sb = new StringBuilder("^");
        for (int i = 0; i < p.Length; i++)
        {
            char c = p[i];
            if (c == '*' && i + 1 < p.Length && p[i + 1] == '*')
            {
                bool slash = i + 2 < p.Length && p[i + 2] == '/';
                sb.Append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else if (c == '*') sb.Append("[^/]*");
            else if (c == '?') sb.Append("[^/]");
            else sb.Append(Regex.Escape(c.ToString()));
        }
        sb.Append('$');
        _regex = new Regex(sb.ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    internal string Pattern { get; }

    internal bool IsMatch(string relativePath) => _regex.IsMatch(relativePath.Replace('\\', '/'));
}
