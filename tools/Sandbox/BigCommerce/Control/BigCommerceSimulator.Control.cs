using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sandbox.BigCommerce.Login;

namespace Sandbox.BigCommerce;

// HTTP controls for the demo, tools and proof runs in another process: {BaseUrl}/_sandbox/bigcommerce/... (camelCase
// JSON). Each one calls the public method of the same name; an unknown store is 404, a refused argument 400.
public sealed partial class BigCommerceSimulator
{
    private static readonly JsonSerializerOptions ControlJson = new(JsonSerializerDefaults.Web);

    private void MapControls(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/_sandbox/bigcommerce");

        group.MapPost("/stores", (BigCommerceCreateStoreRequest body) =>
        {
            if (!IsValidHash(body.StoreHash))
                return Results.BadRequest(new { error = "storeHash must be lower-case letters and digits." });
            CreateStore(body.StoreHash, body.AccessToken, body.Quota, body.WindowMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null);
            return Results.Created($"/_sandbox/bigcommerce/stores/{body.StoreHash}", new { storeHash = body.StoreHash });
        });

        var store = group.MapGroup("/stores/{hash}");
        store.MapPost("/orders", (string hash, BigCommerceOrderSeed body) =>
            Guard(hash, () => Results.Json(AddOrder(hash, body), ControlJson, statusCode: 201)));
        store.MapPut("/orders/{id:long}/status/{statusId:int}", (string hash, long id, int statusId) =>
            Guard(hash, () => { SetOrderStatus(hash, id, statusId); return Results.NoContent(); }));
        store.MapPost("/orders/{id:long}/edit", (string hash, long id) =>
            Guard(hash, () => { EditOrder(hash, id); return Results.NoContent(); }));
        store.MapPost("/orders/{id:long}/ship", (string hash, long id) =>
            Guard(hash, () => { ShipOrder(hash, id); return Results.NoContent(); }));
        store.MapPost("/after-list-request", (string hash, BigCommerceScriptRequest body) =>
            Guard(hash, () => { AfterListRequest(hash, body.ListRequest, [.. body.Changes]); return Results.NoContent(); }));
        store.MapGet("/shipments", (string hash, long? orderId) =>
            Guard(hash, () => Results.Json(GetShipments(hash, orderId), ControlJson)));
        store.MapGet("/requests", (string hash) =>
            Guard(hash, () => Results.Json(GetRequests(hash), ControlJson)));
        store.MapDelete("/requests", (string hash) =>
            Guard(hash, () => { ClearRequests(hash); return Results.NoContent(); }));
        store.MapGet("/stats", (string hash) =>
            Guard(hash, () => Results.Json(GetStats(hash), ControlJson)));

        store.MapPost("/faults", (string hash, BigCommerceFaultsRequest body) => Guard(hash, () =>
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
        store.MapPost("/quota/consume", (string hash, BigCommerceConsumeQuotaRequest body) =>
            Guard(hash, () => { ConsumeQuota(hash, body.Requests); return Results.NoContent(); }));
        store.MapPut("/other-app-load", (string hash, BigCommerceOtherAppLoadRequest body) =>
            Guard(hash, () => { SetOtherAppLoad(hash, body.EveryNthRequest); return Results.NoContent(); }));
        store.MapPut("/outage", (string hash, BigCommerceOutageRequest body) =>
            Guard(hash, () => { SetOutage(hash, body.From, body.Until); return Results.NoContent(); }));
        store.MapDelete("/outage", (string hash) =>
            Guard(hash, () => { ClearOutage(hash); return Results.NoContent(); }));
        store.MapPut("/tie-order", (string hash, BigCommerceTieOrderRequest body) =>
            Guard(hash, () => { SetTieOrder(hash, body.TieOrder); return Results.NoContent(); }));

        store.MapGet("/hooks", (string hash) => Guard(hash, () => Results.Json(GetHooks(hash), ControlJson)));
        store.MapPost("/hooks/{id:long}/deactivate", (string hash, long id) =>
            Guard(hash, () => { DeactivateHook(hash, id); return Results.NoContent(); }));
        store.MapPost("/webhooks/fire", (string hash, BigCommerceFireRequest body) => Guard(hash, () =>
        {
            FireWebhook(hash, body.Scope, body.OrderId, body.PreviousStatusId is { } p && body.NewStatusId is { } n ? (p, n) : null);
            return Results.NoContent();
        }));
        group.MapGet("/webhooks/attempts", () => Results.Json(GetWebhookAttempts(), ControlJson));
        group.MapDelete("/webhooks/attempts", () => { ClearWebhookAttempts(); return Results.NoContent(); });
        group.MapGet("/webhooks/behaviour", () => Results.Json(Webhooks, ControlJson));
        group.MapPut("/webhooks/behaviour", (BigCommerceWebhookBehaviourRequest body) =>
        {
            Webhooks = body.ApplyTo(Webhooks);
            return Results.Json(Webhooks, ControlJson);
        });

        group.MapPost("/app", (BigCommerceRegisterAppRequest body) =>
        {
            RegisterApp(body.ClientId, body.ClientSecret, body.AuthCallbackUrl, body.LoadCallbackUrl, body.UninstallCallbackUrl);
            return Results.NoContent();
        });
        store.MapGet("/signed-payload", (string hash, int? lifetimeSeconds) => Guard(hash, () =>
        {
            var jwt = CreateSignedPayload(hash, lifetimeSeconds is { } s ? TimeSpan.FromSeconds(s) : null);
            string? loadUrl;
            lock (_lock)
                loadUrl = _app?.LoadCallbackUrl is { } load ? SignedPayloads.AppendQuery(load, "signed_payload_jwt", jwt) : null;
            return Results.Json(new { signedPayloadJwt = jwt, loadUrl }, ControlJson);
        }));
        store.MapPost("/uninstall", async (string hash, CancellationToken ct) =>
        {
            if (!HasStore(hash))
                return Results.NotFound(new { error = $"No store '{hash}'." });
            var status = await UninstallAsync(hash, ct);
            return Results.Json(new { callbackStatus = status }, ControlJson);
        });
    }

    private IResult Guard(string hash, Func<IResult> action)
    {
        if (!HasStore(hash))
            return Results.NotFound(new { error = $"No store '{hash}'." });
        try
        {
            return action();
        }
        catch (KeyNotFoundException ex)
        {
            return Results.NotFound(new { error = ex.Message });
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return Results.BadRequest(new { error = ex.Message });
        }
    }
}
