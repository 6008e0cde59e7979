using System.Net;
using System.Security.Cryptography;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Http;

namespace Ovni.Distributed;

/// <summary>
/// Who may see and steer the dashboard: requests from this machine, or requests carrying the access token. Hangfire's
/// dashboard and Ovni's pages use the same rule.
/// </summary>
internal sealed class DashboardAccess(string? token) : IDashboardAuthorizationFilter
{
    internal const string Cookie = "ovni-dashboard";

    internal bool IsAllowed(HttpContext http)
    {
        IPAddress? remote = http.Connection.RemoteIpAddress;
        if (remote is not null && IPAddress.IsLoopback(remote)) return true;
        if (token is null) return false;
        string? given = null;
        string header = http.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.Ordinal)) given = header["Bearer ".Length..];
        given ??= http.Request.Cookies[Cookie] ?? http.Request.Query["token"].FirstOrDefault();
        return given is not null && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(given), System.Text.Encoding.UTF8.GetBytes(token));
    }

    public bool Authorize(DashboardContext context) => IsAllowed(context.GetHttpContext());
}
