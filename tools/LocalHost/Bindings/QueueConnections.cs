using System.Collections.Concurrent;
using System.Text;
using Azure.Storage.Queues;
using LocalHost.Configuration;

namespace LocalHost.Bindings;

/// <summary>
/// Resolves a binding's `connection` name to a queue service, and applies host.json messageEncoding. Clients are
/// created with encoding None so the raw text is visible: an invalid base64 body must be detected, not thrown.
/// </summary>
internal sealed class QueueConnections
{
    /// <summary>Azurite's well-known development account, which UseDevelopmentStorage=true stands for.</summary>
    public const string DevelopmentStorage =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;" +
        "TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";

    private readonly AppSettings _settings;
    private readonly ConcurrentDictionary<string, QueueServiceClient> _services = new(StringComparer.OrdinalIgnoreCase);

    public QueueConnections(AppSettings settings, bool base64)
    {
        _settings = settings;
        Base64 = base64;
    }

    public bool Base64 { get; }

    public QueueClient GetQueue(string? connection, string queueName) =>
        _services.GetOrAdd(string.IsNullOrEmpty(connection) ? "AzureWebJobsStorage" : connection, Create)
            .GetQueueClient(queueName);

    private QueueServiceClient Create(string connection)
    {
        // The real host also tries the "AzureWebJobs" prefix (connection "Storage" → AzureWebJobsStorage).
        var value = _settings.Get(connection) ?? _settings.Get("AzureWebJobs" + connection);
        if (string.IsNullOrWhiteSpace(value))
        {
            if (_settings.Get(connection + "__queueServiceUri") is not null || _settings.Get(connection + "__accountName") is not null)
                throw new InvalidOperationException(
                    $"Connection '{connection}' is identity-based; the local host needs a connection string in '{connection}'.");
            throw new InvalidOperationException($"Storage connection '{connection}' is not set (expected a connection string app setting).");
        }
        if (value.Trim().Equals("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase))
            value = DevelopmentStorage;
        return new QueueServiceClient(value, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
    }

    public string Encode(string text) => Base64 ? Convert.ToBase64String(Encoding.UTF8.GetBytes(text)) : text;

    /// <summary>Bytes go out base64-encoded under base64; under none they must be UTF-8 text.</summary>
    public string Encode(byte[] body) => Base64 ? Convert.ToBase64String(body) : Encoding.UTF8.GetString(body);

    /// <summary>False when base64 is configured and the body is not valid base64/UTF-8.</summary>
    public bool TryDecode(string raw, out string text)
    {
        if (!Base64)
        {
            text = raw;
            return true;
        }
        var buffer = new byte[raw.Length];
        if (Convert.TryFromBase64String(raw, buffer, out var written))
        {
            try
            {
                text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, written);
                return true;
            }
            catch (DecoderFallbackException) { }
        }
        text = "";
        return false;
    }
}
