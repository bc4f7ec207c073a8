using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Sandbox.Ekm;

// HTTP controls under /_sandbox/ekm (never part of EKM's API), mirroring the public test API so chaos runs in another
// process can drive the simulator. camelCase JSON; unknown shops are 404, bad input 400.
public sealed partial class EkmSimulator
{
    private void MapControls(IEndpointRouteBuilder app)
    {
        var control = app.MapGroup(ControlPrefix);

        control.MapPost("/apps", (EkmAppRequest body) => Control(() => RegisterApp(body.ClientId, body.ClientSecret, body.RedirectUri, body.AllowedScopes)));
        control.MapPost("/consent", (EkmConsentRequest body) => Control(() =>
        {
            if (body.Deny) DenyConsent();
            else ConsentAs(body.Username ?? throw new ArgumentException("username or deny is required."));
        }));
        control.MapPut("/options", (EkmOptionsRequest body) => Control(() => Options = body.ApplyTo(Options)));
        control.MapGet("/options", () => Control(() => Options));

        control.MapPost("/shops", (EkmShopRequest body) => Control(() => CreateShop(body.Username)));
        control.MapPost("/shops/{username}/statuses", (string username, EkmStatusRequest body) =>
            Control(() => AddOrderStatus(username, body.Name, body.Colour, body.ShowInQuickStats)));
        control.MapGet("/shops/{username}/statuses", (string username) => Control(() => GetOrderStatuses(username)));
        control.MapPost("/shops/{username}/products", (string username, EkmProductSeed body) => Control(() => new { id = AddProduct(username, body) }));
        control.MapPost("/shops/{username}/orders", (string username, EkmOrderSeed? body, bool? fireWebhook) =>
            Control(() => AddOrder(username, body, fireWebhook ?? true)));
        control.MapPost("/shops/{username}/orders/burst", (string username, EkmBurstRequest body) =>
            Control(() => AddOrders(username, body.Count, body.Seed is null ? null : _ => body.Seed, body.FireWebhook)));
        control.MapGet("/shops/{username}/orders/{id:long}", (string username, long id) => Control(() => GetOrder(username, id)));
        control.MapPatch("/shops/{username}/orders/{id:long}", (string username, long id, EkmOrderChange body) => Control(() => UpdateOrder(username, id, body)));
        control.MapGet("/shops/{username}/writebacks", (string username, long? orderId) => Control(() => GetWriteBacks(username, orderId)));

        control.MapPost("/shops/{username}/faults", (string username, EkmFaultsRequest body) => Control(() => SetFaults(username, body.ApplyTo(GetFaults(username)))));
        control.MapGet("/shops/{username}/faults", (string username) => Control(() => GetFaults(username)));
        control.MapDelete("/shops/{username}/faults", (string username) => Control(() => ClearFaults(username)));
        control.MapPost("/token-faults", (EkmFaultsRequest body) => Control(() =>
        {
            lock (_lock)
                _tokenFaults = body.ApplyTo(_tokenFaults);
        }));
        control.MapDelete("/token-faults", () => Control(() => SetTokenEndpointFaults(new EkmFaults())));

        control.MapPost("/shops/{username}/revoke-refresh-tokens", (string username, EkmRevokeRequest? body) =>
            Control(() => new { revoked = RevokeRefreshTokens(Shop(username).Username, body?.ClientId) }));
        control.MapPost("/shops/{username}/expire-access-tokens", (string username) => Control(() => ExpireAccessTokens(Shop(username).Username)));
        control.MapGet("/shops/{username}/refresh-tokens", (string username) => Control(() => new { live = LiveRefreshTokenCount(Shop(username).Username) }));

        control.MapGet("/shops/{username}/webhooks", (string username) => Control(() => GetWebhookSubscriptions(username)));
        control.MapPost("/shops/{username}/webhooks/fire", (string username, EkmFireRequest body) => Control(() => FireWebhook(username, body.Topic, body.OrderId)));
        control.MapGet("/webhooks/attempts", () => Control(GetWebhookAttempts));
        control.MapDelete("/webhooks/attempts", () => Control(ClearWebhookAttempts));
        control.MapPut("/webhooks/behaviour", (EkmWebhookBehaviourRequest body) => Control(() => Options = Options with { Webhooks = body.ApplyTo(Options.Webhooks) }));

        control.MapGet("/requests", (string? username) => Control(() => GetRequests(username)));
        control.MapDelete("/requests", () => Control(ClearRequests));
        control.MapGet("/clock", () => Control(() => new { now = Time.GetUtcNow() }));
        control.MapPost("/clock/advance", (EkmAdvanceClockRequest body) => Control(() =>
        {
            AdvanceClock(TimeSpan.FromSeconds(body.Seconds));
            return new { now = Time.GetUtcNow() };
        }));
    }

    private static EkmResult Control(Action action) => Control(() =>
    {
        action();
        return (object?)null;
    });

    private static EkmResult Control<T>(Func<T> read)
    {
        try
        {
            var value = read();
            return value is null ? EkmResult.Empty(StatusCodes.Status204NoContent) : EkmResult.Control(value);
        }
        catch (KeyNotFoundException e)
        {
            return EkmResult.Control(new { error = e.Message }, StatusCodes.Status404NotFound);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return EkmResult.Control(new { error = e.Message }, StatusCodes.Status400BadRequest);
        }
    }
}
