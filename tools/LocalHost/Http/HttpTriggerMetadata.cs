using System.Text.Json.Nodes;
using LocalHost.Invocation;
using LocalHost.Rpc;
using Microsoft.AspNetCore.Http;

namespace LocalHost.Http;

/// <summary>
/// The HTTP trigger's binding data: Query and Headers (dictionaries, so json) and each route value (a string). The
/// request object itself is left out because the worker declares RpcHttpTriggerMetadataRemoved. UNCONFIRMED: exact
/// value formats in the real host; the worker's ASP.NET Core integration does not read them.
/// </summary>
internal static class HttpTriggerMetadata
{
    public static IReadOnlyDictionary<string, TypedData> For(HttpRequest request)
    {
        var query = new JsonObject();
        foreach (var (key, value) in request.Query)
            query[key] = value.ToString();
        var headers = new JsonObject();
        foreach (var (key, value) in request.Headers)
            headers[key] = value.ToString();
        var metadata = new Dictionary<string, TypedData>(StringComparer.Ordinal)
        {
            ["Query"] = TypedValues.JsonOf(query),
            ["Headers"] = TypedValues.JsonOf(headers),
        };
        foreach (var (key, value) in request.RouteValues)
            if (value?.ToString() is { } text)
                metadata[key] = TypedValues.String(text);
        return metadata;
    }
}
