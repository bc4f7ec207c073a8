using Azure.Core;
using Azure.Identity;

namespace Fulfilment.Functions.Telemetry;

/// <summary>
/// Where telemetry goes, read from the platform's own settings: <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> (where) and
/// <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> (how: <c>ClientId=&lt;id&gt;;Authorization=AAD</c> for Entra auth).
/// </summary>
public sealed record TelemetrySettings(string ConnectionString, TokenCredential? Credential)
{
    public const string ConnectionStringKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AuthenticationStringKey = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>Null when no connection string is set (local runs, tests): then nothing is exported.</summary>
    public static TelemetrySettings? From(Func<string, string?> setting)
    {
        var connectionString = setting(ConnectionStringKey);
        if (string.IsNullOrWhiteSpace(connectionString))
            return null;
        return new TelemetrySettings(connectionString, CredentialFrom(setting(AuthenticationStringKey)));
    }

    /// <summary>
    /// The credential the authentication string asks for: the user-assigned identity named by ClientId, or the
    /// system-assigned one. Null (instrumentation-key ingestion) when it does not say Authorization=AAD.
    /// </summary>
    public static TokenCredential? CredentialFrom(string? authenticationString)
    {
        if (string.IsNullOrWhiteSpace(authenticationString))
            return null;
        var parts = authenticationString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var authorization) || !string.Equals(authorization, "AAD", StringComparison.OrdinalIgnoreCase))
            return null;
        return parts.TryGetValue("ClientId", out var clientId) && !string.IsNullOrWhiteSpace(clientId)
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }
}
