using System.Text.Json;
using Azure.Data.Tables;
using Fulfilment.Secrets;

namespace Fulfilment.Storage.Tables;

/// <summary>
/// A row's credentials as one encrypted column: the name → secret map as JSON, sealed by <see cref="SecretProtector"/>
/// with the row's identity as its purpose. Plain settings go in a plain JSON column beside it.
/// </summary>
internal static class SecretColumn
{
    public const string Credentials = "Credentials";
    public const string Settings = "Settings";

    public static void Write(TableEntity entity, SecretProtector protector, string purpose, IReadOnlyDictionary<string, string> credentials)
    {
        if (credentials.Count > 0)
            entity[Credentials] = protector.Protect(JsonSerializer.Serialize(new Dictionary<string, string>(credentials), StorageJsonContext.Default.DictionaryStringString), purpose);
    }

    public static Dictionary<string, string> Read(TableEntity entity, SecretProtector protector, string purpose)
    {
        var sealedValue = entity.GetString(Credentials);
        if (string.IsNullOrEmpty(sealedValue))
            return new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        return ToDictionary(JsonSerializer.Deserialize(protector.Unprotect(sealedValue, purpose), StorageJsonContext.Default.DictionaryStringString));
    }

    public static void WriteSettings(TableEntity entity, IReadOnlyDictionary<string, string> settings)
    {
        if (settings.Count > 0)
            entity[Settings] = JsonSerializer.Serialize(new Dictionary<string, string>(settings), StorageJsonContext.Default.DictionaryStringString);
    }

    public static Dictionary<string, string> ReadSettings(TableEntity entity) =>
        entity.GetString(Settings) is { Length: > 0 } json
            ? ToDictionary(JsonSerializer.Deserialize(json, StorageJsonContext.Default.DictionaryStringString))
            : new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    private static Dictionary<string, string> ToDictionary(Dictionary<string, string>? values) =>
        new(values ?? [], StringComparer.OrdinalIgnoreCase);
}
