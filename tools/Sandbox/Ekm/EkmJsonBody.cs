using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Sandbox.Ekm;

/// <summary>
/// Reads a JSON request body the way an ASP.NET Core API with [FromBody] does: JSON content type only (else 415),
/// property names matched case-insensitively, and a body that does not parse or bind is a 400 (here in EKM's envelope).
/// </summary>
internal sealed class EkmJsonBody
{
    private readonly JsonElement _root;

    private EkmJsonBody(JsonElement root) => _root = root;

    public static async Task<(EkmJsonBody? Body, EkmResult? Error)> ReadAsync(HttpRequest request)
    {
        if (!request.HasJsonContentType())
            return (null, EkmResult.Empty(StatusCodes.Status415UnsupportedMediaType));
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return (null, EkmEnvelope.BadRequest("$", "The request body must be a JSON object."));
            return (new EkmJsonBody(document.RootElement.Clone()), null);
        }
        catch (JsonException)
        {
            return (null, EkmEnvelope.BadRequest("$", "The request body is not valid JSON."));
        }
    }

    /// <summary>A string property: absent or null gives null; any other JSON type is a binding error.</summary>
    public bool TryGetString(string name, out string? value, out EkmResult? error)
    {
        value = null;
        error = null;
        if (!TryFind(name, out var element) || element.ValueKind == JsonValueKind.Null)
            return true;
        if (element.ValueKind == JsonValueKind.String)
        {
            value = element.GetString();
            return true;
        }
        error = EkmEnvelope.BadRequest(name, $"The JSON value could not be converted to System.String. Path: $.{name}");
        return false;
    }

    /// <summary>A boolean property: absent gives <paramref name="fallback"/>; null or another type is a binding error.</summary>
    public bool TryGetBoolean(string name, bool fallback, out bool value, out EkmResult? error)
    {
        value = fallback;
        error = null;
        if (!TryFind(name, out var element))
            return true;
        if (element.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            value = element.GetBoolean();
            return true;
        }
        error = EkmEnvelope.BadRequest(name, $"The JSON value could not be converted to System.Boolean. Path: $.{name}");
        return false;
    }

    private bool TryFind(string name, out JsonElement value)
    {
        foreach (var property in _root.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }
        value = default;
        return false;
    }
}
