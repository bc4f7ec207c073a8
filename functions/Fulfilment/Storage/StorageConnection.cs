using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace Fulfilment.Storage;

/// <summary>
/// How to reach our storage account, read from the connection named <see cref="StorageNames.ConnectionName"/> the way
/// the Functions host reads it: a connection string in the setting itself, or identity-based settings under it
/// (accountName, or tableServiceUri/queueServiceUri/blobServiceUri; credential=managedidentity with an optional clientId).
/// </summary>
public sealed class StorageConnection
{
    private StorageConnection(string? connectionString, Uri? table, Uri? queue, Uri? blob, TokenCredential? credential)
    {
        ConnectionString = connectionString;
        TableServiceUri = table;
        QueueServiceUri = queue;
        BlobServiceUri = blob;
        Credential = credential;
    }

    /// <summary>Set when the setting holds a connection string; otherwise the URIs and the credential are set.</summary>
    public string? ConnectionString { get; }
    public Uri? TableServiceUri { get; }
    public Uri? QueueServiceUri { get; }
    public Uri? BlobServiceUri { get; }
    public TokenCredential? Credential { get; }

    public static StorageConnection FromConfiguration(IConfiguration configuration)
    {
        const string name = StorageNames.ConnectionName;
        var section = configuration.GetSection(name);
        if (!string.IsNullOrWhiteSpace(section.Value))
            return new StorageConnection(section.Value, null, null, null, null);

        var accountName = section["accountName"];
        var table = ServiceUri(section, "tableServiceUri", accountName, "table");
        var queue = ServiceUri(section, "queueServiceUri", accountName, "queue");
        var blob = ServiceUri(section, "blobServiceUri", accountName, "blob");
        if (table is null || queue is null || blob is null)
        {
            var missing = new[] { (table, "tableServiceUri"), (queue, "queueServiceUri"), (blob, "blobServiceUri") }
                .Where(p => p.Item1 is null).Select(p => $"{name}__{p.Item2}");
            throw new InvalidOperationException(
                $"Storage is not configured: set '{name}' to a connection string, or '{name}__accountName', " +
                $"or all of the service URIs (missing: {string.Join(", ", missing)}).");
        }

        TokenCredential credential = string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(string.IsNullOrWhiteSpace(section["clientId"])
                ? ManagedIdentityId.SystemAssigned
                : ManagedIdentityId.FromUserAssignedClientId(section["clientId"]!))
            : new DefaultAzureCredential();
        return new StorageConnection(null, table, queue, blob, credential);
    }

    private static Uri? ServiceUri(IConfigurationSection section, string key, string? accountName, string service)
    {
        var value = section[key];
        if (!string.IsNullOrWhiteSpace(value))
        {
            return Uri.TryCreate(value, UriKind.Absolute, out var uri)
                ? uri
                : throw new InvalidOperationException($"'{section.Key}__{key}' is not an absolute URI.");
        }
        return string.IsNullOrWhiteSpace(accountName) ? null : new Uri($"https://{accountName}.{service}.core.windows.net");
    }
}
