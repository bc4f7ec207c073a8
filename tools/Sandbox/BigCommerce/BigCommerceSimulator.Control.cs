using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Sandbox.BigCommerce;

// HTTP controls for the demo and for tools: {BaseUrl}/_sandbox/bigcommerce/... (JSON, camelCase bodies).
public sealed partial class BigCommerceSimulator
{
    private static readonly JsonSerializerOptions ControlJson = new(JsonSerializerDefaults.Web);

    /// <summary>Body of POST /_sandbox/bigcommerce/stores.</summary>
    public sealed record CreateStoreRequest(string StoreHash, string? AccessToken, int Quota = 150, int? WindowMs = null);

    /// <summary>Body of POST /_sandbox/bigcommerce/stores/{hash}/faults.</summary>
    public sealed record FaultsRequest(int LatencyMs = 0, int Next500 = 0, int Next429 = 0, bool Include429Headers = true, int RetryAfterMs = 1000, int? Quota = null, int? WindowMs = null);

    /// <summary>Body of POST /_sandbox/bigcommerce/app.</summary>
    public sealed record RegisterAppRequest(string ClientId, string ClientSecret, string AuthCallbackUrl, string? LoadCallbackUrl = null, string? UninstallCallbackUrl = null);

    private void MapControls(WebApplication app)
    {
        var group = app.MapGroup("/_sandbox/bigcommerce");

        group.MapPost("/stores", (CreateStoreRequest body) =>
        {
            if (!IsValidHash(body.StoreHash))
                return Results.BadRequest(new { error = "storeHash must be lower-case letters and digits." });
            CreateStore(body.StoreHash, body.AccessToken, body.Quota, body.WindowMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null);
            return Results.Created($"/_sandbox/bigcommerce/stores/{body.StoreHash}", new { storeHash = body.StoreHash });
        });

        group.MapPost("/stores/{hash}/orders", (string hash, BigCommerceOrderSeed body) =>
            Guard(hash, () => Results.Json(AddOrder(hash, body), ControlJson, statusCode: 201)));

        group.MapPut("/stores/{hash}/orders/{id:long}/status/{statusId:int}", (string hash, long id, int statusId) =>
            Guard(hash, () => { SetOrderStatus(hash, id, statusId); return Results.NoContent(); }));

        group.MapGet("/stores/{hash}/shipments", (string hash, long? orderId) =>
            Guard(hash, () => Results.Json(GetShipments(hash, orderId), ControlJson)));

        group.MapGet("/stores/{hash}/requests", (string hash) =>
            Guard(hash, () => Results.Json(GetRequests(hash), ControlJson)));

        group.MapDelete("/stores/{hash}/requests", (string hash) =>
            Guard(hash, () => { ClearRequests(hash); return Results.NoContent(); }));

        group.MapPost("/stores/{hash}/faults", (string hash, FaultsRequest body) => Guard(hash, () =>
        {
            SetFaults(hash, new BigCommerceFaults
            {
                Latency = TimeSpan.FromMilliseconds(body.LatencyMs),
                Next500 = body.Next500,
                Next429 = body.Next429,
                Include429Headers = body.Include429Headers,
                RetryAfter429 = TimeSpan.FromMilliseconds(body.RetryAfterMs),
            });
            if (body.Quota is { } quota)
                SetQuota(hash, quota, body.WindowMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null);
            return Results.NoContent();
        }));

        group.MapPost("/app", (RegisterAppRequest body) =>
        {
            RegisterApp(body.ClientId, body.ClientSecret, body.AuthCallbackUrl, body.LoadCallbackUrl, body.UninstallCallbackUrl);
            return Results.NoContent();
        });

        group.MapGet("/stores/{hash}/signed-payload", (string hash, int? lifetimeSeconds) => Guard(hash, () =>
        {
            var jwt = CreateSignedPayload(hash, lifetimeSeconds is { } s ? TimeSpan.FromSeconds(s) : null);
            string? loadUrl = null;
            lock (_lock)
            {
                if (_app?.LoadCallbackUrl is { } load)
                    loadUrl = AppendQuery(load, "signed_payload_jwt", jwt);
            }
            return Results.Json(new { signedPayloadJwt = jwt, loadUrl }, ControlJson);
        }));

        group.MapPost("/stores/{hash}/uninstall", async (string hash, CancellationToken ct) =>
        {
            lock (_lock)
            {
                if (!_stores.ContainsKey(hash))
                    return Results.NotFound(new { error = $"No store '{hash}'." });
            }
            var status = await UninstallAsync(hash, ct);
            return Results.Json(new { callbackStatus = status }, ControlJson);
        });
    }

    private IResult Guard(string hash, Func<IResult> action)
    {
        lock (_lock)
        {
            if (!_stores.ContainsKey(hash))
                return Results.NotFound(new { error = $"No store '{hash}'." });
        }
        try
        {
            return action();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return Results.BadRequest(new { error = ex.Message });
        }
    }
}
