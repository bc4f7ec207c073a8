using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Sandbox.Ecomdash;

// Control endpoints under /_sandbox/ecomdash (never part of the real API), mirroring the test API for chaos and fuzz
// runs driven from another process. camelCase JSON, enums by name.
public sealed partial class EcomdashSimulator
{
    private void MapControl(IEndpointRouteBuilder app)
    {
        var control = app.MapGroup(ControlPrefix);

        control.MapPost("/developer-keys", (HttpRequest r) => Handle(r, (EcomdashDeveloperKeyRequest b) => AddDeveloperKey(b.Key)));
        control.MapDelete("/developer-keys/{key}", (string key) => Handle(() => RemoveDeveloperKey(key)));

        control.MapPost("/merchants", (HttpRequest r) => Handle(r, (EcomdashMerchantSeed b) => AddMerchant(b)));
        control.MapPut("/merchants/{id}/subscription", (string id, HttpRequest r) => Handle(r, (EcomdashSubscriptionRequest b) => SetSubscriptionActive(id, b.Active)));
        control.MapPut("/merchants/{id}/throttle", (string id, HttpRequest r) =>
            Handle(r, (EcomdashThrottleRequest b) => SetThrottle(id, b.CallsPerMinute, b.ConcurrentCallsPerOperation)));
        control.MapGet("/merchants/{id}/throttle", (string id) => Handle(() => ThrottleState(id)));
        control.MapPost("/merchants/{id}/warehouses", (string id, HttpRequest r) => Handle(r, (EcomdashNameRequest b) => new { id = AddWarehouse(id, b.Name) }));
        control.MapPost("/merchants/{id}/carriers", (string id, HttpRequest r) => Handle(r, (EcomdashNameRequest b) => new { id = AddCarrier(id, b.Name) }));

        control.MapPost("/merchants/{id}/products", (string id, HttpRequest r) => Handle(r, (EcomdashProductSeed b) => new { id = AddProduct(id, b) }));
        control.MapGet("/merchants/{id}/products", (string id) => Handle(() => Products(id)));
        control.MapPut("/merchants/{id}/products/{productId:long}/active", (string id, long productId, HttpRequest r) =>
            Handle(r, (EcomdashActiveRequest b) => SetProductActive(id, productId, b.Active)));
        control.MapGet("/merchants/{id}/quantity-updates", (string id) => Handle(() => QuantityUpdates(id)));
        control.MapGet("/merchants/{id}/price-updates", (string id) => Handle(() => PriceUpdates(id)));

        control.MapPost("/merchants/{id}/orders", (string id, HttpRequest r) => Handle(r, (EcomdashOrderSeed b) => AddOrder(id, b)));
        control.MapPut("/merchants/{id}/orders/{orderId:long}/status", (string id, long orderId, HttpRequest r) =>
            Handle(r, (EcomdashOrderStatusRequest b) => SetOrderStatus(id, orderId, b.Status)));
        control.MapGet("/merchants/{id}/orders/{orderId:long}/status", (string id, long orderId) => Handle(() => new { status = OrderStatus(id, orderId) }));
        control.MapGet("/merchants/{id}/shipments", (string id, long? orderId) => Handle(() => Shipments(id, orderId)));
        control.MapGet("/merchants/{id}/tracking", (string id, long? orderId) => Handle(() => TrackingSubmissions(id, orderId)));

        control.MapPut("/merchants/{id}/faults", (string id, HttpRequest r) => Handle(r, (EcomdashFaultsRequest b) => SetFaults(id, ToFaults(b))));
        control.MapGet("/merchants/{id}/faults", (string id) => Handle(() => Faults(id)));
        control.MapDelete("/merchants/{id}/faults", (string id) => Handle(() => ClearFaults(id)));
        control.MapPost("/merchants/{id}/envelope", (string id, HttpRequest r) =>
            Handle(r, (EcomdashEnvelopeRequest b) => ForceEnvelope(id, b.Operation, b.Status, b.Messages ?? [], b.Times)));
        control.MapPost("/merchants/{id}/consume-quota", (string id, HttpRequest r) => Handle(r, (EcomdashQuotaRequest b) => ConsumeQuota(id, b.Calls)));
        control.MapPut("/merchants/{id}/background-load", (string id, HttpRequest r) =>
            Handle(r, (EcomdashQuotaRequest b) => SetBackgroundLoad(id, b.CallsPerMinute)));

        control.MapGet("/requests", (string? merchantId) => Handle(() => RequestLog(merchantId)));
        control.MapDelete("/requests", () => Handle(ClearRequestLog));
    }

    private EcomdashThrottleState ThrottleState(string merchantId)
    {
        lock (Lock)
        {
            var throttle = Account(merchantId).Throttle;
            return new(throttle.CallsInWindow(), throttle.CallsPerMinute, throttle.ConcurrentCallsPerOperation,
                throttle.BackgroundCallsPerMinute, throttle.InFlightByOperation());
        }
    }

    private EcomdashFaults ToFaults(EcomdashFaultsRequest b)
    {
        if (b.AfterActingOperation is { } operation && !EcomdashOperations.IsKnown(operation))
            throw new ArgumentException($"Unknown operation '{operation}'.");
        var outageFrom = b.OutageSeconds is not null ? Time.GetUtcNow() : b.OutageFrom;
        var outageUntil = b.OutageSeconds is { } seconds ? outageFrom!.Value.AddSeconds(seconds) : b.OutageUntil;
        return new EcomdashFaults
        {
            Latency = TimeSpan.FromMilliseconds(b.LatencyMs),
            Next500 = b.Next500,
            Next429 = b.Next429,
            RetryAfterSeconds = b.RetryAfterSeconds,
            TimeoutsAfterActing = b.TimeoutsAfterActing,
            ServerErrorsAfterActing = b.ServerErrorsAfterActing,
            AfterActingOperation = b.AfterActingOperation,
            StallFor = TimeSpan.FromSeconds(b.StallSeconds),
            OutageFrom = outageFrom,
            OutageUntil = outageUntil,
        };
    }

    // Control bodies are read with the control dialect (enums by name), not the host's JSON options.
    private static async Task<IResult> Handle<TBody>(HttpRequest request, Func<TBody, object?> act)
    {
        TBody? body;
        try
        {
            body = await request.ReadFromJsonAsync<TBody>(EcomdashJson.Control, request.HttpContext.RequestAborted);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException)
        {
            return Results.BadRequest(new { message = $"Unreadable body: {ex.Message}" });
        }
        return body is null ? Results.BadRequest(new { message = "A JSON body is required." }) : Handle(() => act(body));
    }

    private static Task<IResult> Handle<TBody>(HttpRequest request, Action<TBody> act) =>
        Handle<TBody>(request, body => { act(body); return null; });

    private static IResult Handle(Action act) => Handle(() => { act(); return null; });

    private static IResult Handle(Func<object?> read)
    {
        try
        {
            var value = read();
            return value is null ? Results.NoContent() : Results.Json(value, EcomdashJson.Control);
        }
        catch (KeyNotFoundException ex)
        {
            return Results.NotFound(new { message = ex.Message });
        }
        catch (ArgumentException ex)
        {
            return Results.BadRequest(new { message = ex.Message });
        }
    }
}
