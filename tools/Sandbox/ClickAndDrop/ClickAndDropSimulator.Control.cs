using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Sandbox.ClickAndDrop;

/// <summary>Body of <c>POST /_sandbox/clickanddrop/accounts</c>.</summary>
public sealed record ClickAndDropAccountRequest(string Id, string ApiKey, bool IsOba, double? PostageAfterSeconds = null, double? DespatchAfterSeconds = null);

/// <summary>
/// Body of <c>POST /_sandbox/clickanddrop/accounts/{id}/faults</c>; absent fields leave that fault as it is.
/// <c>createThenFail</c> is "serverError", "stall" or "none".
/// </summary>
public sealed record ClickAndDropFaultRequest(
    int? LatencyMs = null, int? FailNext = null, int? RateLimitNext = null, int? RetryAfterSeconds = null,
    string? CreateThenFail = null, double? StallSeconds = null);

// Control endpoints for the demo and manual testing, under /_sandbox/clickanddrop (never part of the real API).
public sealed partial class ClickAndDropSimulator
{
    private void MapControl(IEndpointRouteBuilder app)
    {
        var control = app.MapGroup(ControlPrefix);
        control.MapPost("/accounts", (ClickAndDropAccountRequest body) =>
        {
            if (string.IsNullOrWhiteSpace(body.Id) || string.IsNullOrWhiteSpace(body.ApiKey))
                return Results.BadRequest(new { message = "id and apiKey are required." });
            AddAccount(body.Id, body.ApiKey, body.IsOba, Warehouse(body.PostageAfterSeconds, body.DespatchAfterSeconds));
            return Results.Ok(new { body.Id, body.IsOba }); // the key is not echoed
        });
        control.MapPut("/accounts/{id}/warehouse", (string id, ClickAndDropAccountRequest body) =>
            Known(id, () => SetWarehouse(id, Warehouse(body.PostageAfterSeconds, body.DespatchAfterSeconds))));
        control.MapGet("/accounts/{id}/orders", (string id) => Known(id, () => Orders(id)));
        control.MapGet("/accounts/{id}/stats", (string id) => Known(id, () => Stats(id)));
        control.MapGet("/accounts/{id}/requests", (string id) => Known(id, () => RequestLog(id)));
        control.MapPost("/accounts/{id}/faults", (string id, ClickAndDropFaultRequest body) => Known(id, () =>
        {
            if (body.LatencyMs is { } latency) InjectLatency(id, TimeSpan.FromMilliseconds(latency));
            if (body.FailNext is { } fail) FailNext(id, fail);
            if (body.RateLimitNext is { } limited) RateLimitNext(id, limited, body.RetryAfterSeconds ?? 1);
            if (body.CreateThenFail is { } text && Enum.TryParse<CreateThenFailMode>(text, ignoreCase: true, out var mode))
                CreateThenFail(id, mode, body.StallSeconds is { } s ? TimeSpan.FromSeconds(s) : null);
        }));
        control.MapDelete("/accounts/{id}/faults", (string id) => Known(id, () => ClearFaults(id)));
        control.MapPost("/accounts/{id}/despatch-all", (string id) => Known(id, () => new { despatched = DespatchAll(id) }));
        control.MapPost("/orders/{orderIdentifier:long}/apply-postage", (long orderIdentifier) =>
            ApplyPostage(orderIdentifier) ? Results.Ok(Order(orderIdentifier)) : Results.NotFound());
        control.MapPost("/orders/{orderIdentifier:long}/despatch", (long orderIdentifier) =>
            Despatch(orderIdentifier) ? Results.Ok(Order(orderIdentifier)) : Results.NotFound());
    }

    private static ClickAndDropWarehouse? Warehouse(double? postageAfterSeconds, double? despatchAfterSeconds) =>
        postageAfterSeconds is { } postage
            ? new ClickAndDropWarehouse(TimeSpan.FromSeconds(postage), TimeSpan.FromSeconds(despatchAfterSeconds ?? postage * 2))
            : null;

    private IResult Known(string accountId, Action action) => Known(accountId, () => { action(); return (object?)null; });

    private IResult Known<T>(string accountId, Func<T> read)
    {
        lock (_lock)
            if (!_accounts.ContainsKey(accountId))
                return Results.NotFound(new { message = $"No account '{accountId}'." });
        var value = read();
        return value is null ? Results.NoContent() : Results.Json(value, Json);
    }
}
