using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Sandbox.Ekart;

// HTTP controls under /_sandbox/ekart (never part of the real API), mirroring the public methods so a chaos or demo run
// in another process can drive the simulator. Bodies and answers are camelCase JSON; enums are camelCase strings.
public sealed partial class EkartSimulator
{
    private void MapControl(IEndpointRouteBuilder app)
    {
        var control = app.MapGroup(ControlPrefix);

        control.MapPost("/merchants", BodyHandler<EkartMerchantRequest>(body =>
        {
            AddMerchant(body.MerchantCode, body.Token, body.LocationCodes ?? []);
            return Ok(Merchants().Single(m => m.MerchantCode == body.MerchantCode));
        }));
        control.MapGet("/merchants", () => Ok(Merchants()));
        control.MapPut("/merchants/{merchantCode}/courier", (HttpContext http, string merchantCode) => WithBody<EkartCourierRequest>(http, body =>
        {
            SetCourier(merchantCode, Schedule(body));
            return Ok(Merchants().Single(m => m.MerchantCode == merchantCode));
        }));
        control.MapGet("/merchants/{merchantCode}/shipments", (string merchantCode) => Run(() => Ok(Shipments(merchantCode))));

        control.MapGet("/shipments/{trackingId}", (string trackingId) =>
            Shipment(trackingId) is { } shipment ? Ok(shipment) : NotFound($"No shipment {trackingId}."));
        control.MapPost("/shipments/{trackingId}/advance", (HttpContext http, string trackingId) =>
            WithBody<EkartAdvanceRequest>(http, body => Ok(Advance(trackingId, body.Status))));
        control.MapPost("/shipments/{trackingId}/webhooks", (HttpContext http, string trackingId) =>
            WithBodyAsync<EkartSendWebhookRequest>(http, async body =>
            {
                await SendWebhookAsync(trackingId, body.Fault, body.Sequence);
                return Results.NoContent();
            }));

        control.MapGet("/requests", () => Ok(RequestLog()));
        control.MapDelete("/requests", () => { ClearRequestLog(); return Results.NoContent(); });
        control.MapPost("/faults", BodyHandler<EkartFaultRequest>(body => { ApplyFaults(body); return Results.NoContent(); }));
        control.MapDelete("/faults", () => { ClearFaults(); return Results.NoContent(); });
        control.MapPost("/tokens", BodyHandler<EkartTokenRequest>(body =>
        {
            if (body.LifetimeSeconds is { } seconds) TokenLifetime = TimeSpan.FromSeconds(seconds);
            if (body.ExpireAll) ExpireTokens();
            return Ok(new { lifetimeSeconds = TokenLifetime.TotalSeconds });
        }));
        control.MapPut("/track-shape", BodyHandler<EkartTrackShapeRequest>(body =>
        {
            TrackShape = body.Shape;
            return Ok(new { shape = TrackShape });
        }));
        control.MapGet("/clock", () => Ok(new { now = Time.GetUtcNow() }));

        MapWebhookControl(control);
    }

    private void MapWebhookControl(RouteGroupBuilder control)
    {
        control.MapPost("/webhooks", BodyHandler<EkartWebhookRequest>(body =>
        {
            RegisterWebhook(body.MerchantCode, body.Url, body.Secret, body.SignatureHeader ?? DefaultSignatureHeader, body.Encoding);
            return Results.NoContent();
        }));
        control.MapGet("/webhooks", () => Ok(WebhookRegistrations().Select(r => new { r.MerchantCode, r.Url, r.SignatureHeader, r.Encoding })));
        control.MapDelete("/webhooks/{merchantCode}", (string merchantCode) => { UnregisterWebhook(merchantCode); return Results.NoContent(); });
        control.MapPost("/webhooks/{merchantCode}/faults", (HttpContext http, string merchantCode) =>
            WithBody<EkartWebhookFaultsRequest>(http, body => { QueueWebhookFaults(merchantCode, body.Faults); return Results.NoContent(); }));
        control.MapPut("/webhooks/{merchantCode}/storm", (HttpContext http, string merchantCode) => WithBody<EkartWebhookStormRequest>(http, body =>
        {
            SetWebhookStorm(merchantCode, new EkartWebhookStorm(body.Seed, body.WrongSecret, body.Unsigned, body.Duplicate, body.Reorder,
                body.Delay, body.Stale, body.MaxDelaySeconds is { } s ? TimeSpan.FromSeconds(s) : null));
            return Results.NoContent();
        }));
        control.MapDelete("/webhooks/{merchantCode}/storm", (string merchantCode) => { SetWebhookStorm(merchantCode, null); return Results.NoContent(); });
        control.MapPost("/webhooks/flush", async () => { await FlushWebhooksAsync(); return Results.NoContent(); });
        control.MapGet("/webhooks/deliveries", () => Ok(WebhookDeliveries()));
    }

    private void ApplyFaults(EkartFaultRequest body)
    {
        if (body.LatencyMs is { } latency) InjectLatency(TimeSpan.FromMilliseconds(latency));
        if (body.FailNext is { } fail) FailNext(fail, body.FailOnly);
        if (body.RateLimitNext is { } limited)
            RateLimitNext(limited, body.RetryAfterSeconds is { } s ? TimeSpan.FromSeconds(s) : null, body.RateLimitOnly,
                body.RateLimitStyle ?? EkartRateLimitStyle.TooManyRequests);
        if (body.ActThenFail is { } operation)
            ActThenFail(operation, body.ActThenFailMode ?? EkartActThenFailMode.ServerError, body.StallSeconds is { } stall ? TimeSpan.FromSeconds(stall) : null);
        if (body.OutageSeconds is { } outage)
            SetOutage(Time.GetUtcNow(), Time.GetUtcNow() + TimeSpan.FromSeconds(outage));
        else if (body.OutageFrom is { } from && body.OutageUntil is { } until)
            SetOutage(from, until);
    }

    private static EkartCourierSchedule? Schedule(EkartCourierRequest body)
    {
        if (body.StepSeconds is { } seconds)
        {
            var step = TimeSpan.FromSeconds(seconds);
            return new EkartCourierSchedule(step, step, step, step, step, step, step, step);
        }
        return body.Preset?.ToLowerInvariant() switch
        {
            "realistic" => EkartCourierSchedule.Realistic,
            "quick" => EkartCourierSchedule.Quick,
            null or "off" => null,
            var other => throw new ArgumentException($"Unknown courier preset '{other}': realistic, quick or off."),
        };
    }

    private static IResult Ok<T>(T value) => Results.Json(value, EkartJson.Control);

    private static IResult NotFound(string message) => Results.Json(new { message }, EkartJson.Control, statusCode: StatusCodes.Status404NotFound);

    private static IResult Run(Func<IResult> action)
    {
        try { return action(); }
        catch (Exception e) when (IsCallerMistake(e)) { return Problem(e); }
    }

    private static async Task<IResult> RunAsync(Func<Task<IResult>> action)
    {
        try { return await action(); }
        catch (Exception e) when (IsCallerMistake(e)) { return Problem(e); }
    }

    private static bool IsCallerMistake(Exception e) => e is KeyNotFoundException or InvalidOperationException or ArgumentException;

    /// <summary>The public methods' exceptions as answers: unknown thing 404, not possible now 409, bad value 400.</summary>
    private static IResult Problem(Exception e) => Results.Json(new { message = e.Message }, EkartJson.Control, statusCode: e switch
    {
        KeyNotFoundException => StatusCodes.Status404NotFound,
        InvalidOperationException => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status400BadRequest,
    });

    // Typed as Delegate: a lambda taking only HttpContext would be a RequestDelegate, which drops the returned IResult.
    private static Delegate BodyHandler<T>(Func<T, IResult> action) where T : class =>
        (Func<HttpContext, Task<IResult>>)(http => WithBody(http, action));

    private static Task<IResult> WithBody<T>(HttpContext http, Func<T, IResult> action) where T : class =>
        WithBodyAsync<T>(http, body => Task.FromResult(action(body)));

    private static async Task<IResult> WithBodyAsync<T>(HttpContext http, Func<T, Task<IResult>> action) where T : class
    {
        T? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<T>(http.Request.Body, EkartJson.Control, http.RequestAborted);
        }
        catch (JsonException e)
        {
            return Results.Json(new { message = $"Unreadable body: {e.Message}" }, EkartJson.Control, statusCode: StatusCodes.Status400BadRequest);
        }
        return body is null
            ? Results.Json(new { message = "A JSON body is required." }, EkartJson.Control, statusCode: StatusCodes.Status400BadRequest)
            : await RunAsync(() => action(body));
    }
}
