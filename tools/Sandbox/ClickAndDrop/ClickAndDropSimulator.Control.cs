using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Sandbox.ClickAndDrop;

// Control endpoints for the demo, chaos runs and manual testing, under /_sandbox/clickanddrop (never part of the real API).
public sealed partial class ClickAndDropSimulator
{
    private void MapControl(IEndpointRouteBuilder app)
    {
        var control = app.MapGroup(ControlPrefix);
        control.MapPost("/accounts", (ClickAndDropAccountRequest body) =>
        {
            if (string.IsNullOrWhiteSpace(body.Id) || string.IsNullOrWhiteSpace(body.ApiKey))
                return Results.BadRequest(new { message = "id and apiKey are required." });
            AddAccount(body.Id, body.ApiKey, body.IsOba, Warehouse(body.PostageAfterSeconds, body.DespatchAfterSeconds), body.IsBusinessSender);
            return Results.Ok(new { body.Id, body.IsOba }); // the key is not echoed
        });
        control.MapPut("/settings", (ClickAndDropSettingsRequest body) =>
        {
            ClickAndDropNorthernIrelandRule? rule = null;
            if (body.NorthernIrelandBusinessFlag is { } text && !TryParse(text, out rule))
                return Results.BadRequest(new { message = "northernIrelandBusinessFlag must be notRequired, requiredForBusinessSenders or requiredForAll." });
            if (body.RequestsPerSecond is < 1)
                return Results.BadRequest(new { message = "requestsPerSecond must be at least 1." });
            if (body.RequestsPerSecond is { } perSecond) RequestsPerSecond = perSecond;
            if (rule is { } r) NorthernIrelandBusinessFlag = r;
            return Results.NoContent();
        });
        control.MapPut("/outage", (ClickAndDropOutageRequest body) =>
        {
            ClickAndDropOutageAnswer? answer = ClickAndDropOutageAnswer.ServiceUnavailable;
            if (body.DurationSeconds <= 0 || body.StartsInSeconds < 0 || (body.Answer is { } text && !TryParse(text, out answer)))
                return Results.BadRequest(new { message = "durationSeconds must be positive, startsInSeconds not negative, answer serviceUnavailable or notFoundPage." });
            var from = Time.GetUtcNow() + TimeSpan.FromSeconds(body.StartsInSeconds);
            SetOutage(from, from + TimeSpan.FromSeconds(body.DurationSeconds), answer!.Value);
            return Results.NoContent();
        });
        control.MapDelete("/outage", () => { ClearOutage(); return Results.NoContent(); });

        var account = control.MapGroup("/accounts/{id}");
        account.MapPut("/warehouse", (string id, ClickAndDropAccountRequest body) =>
            Known(id, () => SetWarehouse(id, Warehouse(body.PostageAfterSeconds, body.DespatchAfterSeconds))));
        account.MapGet("/orders", (string id) => Known(id, () => Orders(id)));
        account.MapPost("/seed-order", (string id, ClickAndDropSeedOrderRequest body) => Known(id, () => SeedOrder(id, body.OrderReference)));
        account.MapGet("/stats", (string id) => Known(id, () => Stats(id)));
        account.MapGet("/requests", (string id) => Known(id, () => RequestLog(id)));
        account.MapPost("/faults", (string id, ClickAndDropFaultRequest body) => Known(id, () => ApplyFaults(id, body)));
        account.MapDelete("/faults", (string id) => Known(id, () => ClearFaults(id)));
        account.MapPost("/despatch-all", (string id) => Known(id, () => new { despatched = DespatchAll(id) }));

        var order = control.MapGroup("/orders/{orderIdentifier:long}");
        order.MapPost("/apply-postage", (long orderIdentifier) =>
            ApplyPostage(orderIdentifier) ? Results.Json(Order(orderIdentifier), ClickAndDropApiResults.Json) : Results.NotFound());
        order.MapPost("/despatch", (long orderIdentifier) =>
            Despatch(orderIdentifier) ? Results.Json(Order(orderIdentifier), ClickAndDropApiResults.Json) : Results.NotFound());
        order.MapPost("/refuse-label", (long orderIdentifier, ClickAndDropLabelRefusalRequest body) =>
        {
            if (Order(orderIdentifier) is null) return Results.NotFound();
            RefuseLabel(orderIdentifier, body.Code, body.Message);
            return Results.NoContent();
        });
    }

    private void ApplyFaults(string id, ClickAndDropFaultRequest body)
    {
        if (body.LatencyMs is { } latency) InjectLatency(id, TimeSpan.FromMilliseconds(latency));
        if (body.FailNext is { } fail) FailNext(id, fail);
        if (body.RateLimitNext is { } limited) RateLimitNext(id, limited, body.RetryAfterSeconds ?? 1);
        if (body.CreateThenFail is { } text && Enum.TryParse<CreateThenFailMode>(text, ignoreCase: true, out var mode))
            CreateThenFail(id, mode, body.StallSeconds is { } s ? TimeSpan.FromSeconds(s) : null);
        if (body.ForeignNotFoundNext is { } foreign)
            ForeignNotFoundNext(id, foreign, TryParse<ClickAndDropForeignNotFound>(body.ForeignNotFoundKind ?? "html", out var kind) ? kind!.Value : ClickAndDropForeignNotFound.Html);
        if (body.RefuseRequestsContaining is { } reference)
        {
            if (body.RefusalMessage is { } message) RefuseRequestsContaining(id, reference, message);
            else RefuseRequestsContaining(id, reference);
        }
        foreach (var labelless in body.LabelErrorsFor ?? [])
            LabelErrorsFor(id, labelless, body.LabelErrorCode ?? LabelErrorCode, body.LabelErrorMessage ?? LabelErrorMessage);
        if (body.FailLabelsNext is { } failLabels) FailLabelsNext(id, failLabels);
    }

    private static bool TryParse<T>(string text, out T? value) where T : struct, Enum
    {
        var ok = Enum.TryParse<T>(text, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed);
        value = ok ? parsed : null;
        return ok;
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
        return value is null ? Results.NoContent() : Results.Json(value, ClickAndDropApiResults.Json);
    }
}
