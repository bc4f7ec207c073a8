using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Sandbox.Ekm;

// POST /api/v2/Webhooks, GET /api/v2/Webhooks/webhooks, GET|PUT|DELETE /api/v2/Webhooks/{id}. A subscription belongs
// to the app and shop of the token that made it; other apps' subscriptions are not found. No scope is documented for
// webhooks, so any valid token may manage them (UNCONFIRMED).
public sealed partial class EkmSimulator
{
    private void MapWebhookRoutes(RouteGroupBuilder api)
    {
        var webhooks = api.MapGroup("/v2/Webhooks");
        // Typed as Delegate so minimal APIs write the returned result (a bare HttpContext lambda would be a RequestDelegate).
        webhooks.MapPost("", (Delegate)((HttpContext http) => SaveSubscriptionAsync(http, id: null)));
        webhooks.MapGet("/webhooks", (HttpContext http) =>
        {
            lock (_lock)
                return EkmEnvelope.All(OwnSubscriptions(http).Select(EkmJsonMapper.Subscription).ToList(), "/webhooks?page=1");
        });
        webhooks.MapGet("/{id:guid}", (HttpContext http, Guid id) => WithSubscription(http, id, s => EkmEnvelope.Ok(EkmJsonMapper.Subscription(s))));
        webhooks.MapPut("/{id:guid}", (HttpContext http, Guid id) => SaveSubscriptionAsync(http, id));
        webhooks.MapDelete("/{id:guid}", (HttpContext http, Guid id) => WithSubscription(http, id, s =>
        {
            Shop(s.Username).Webhooks.Remove(s.Id);
            return EkmEnvelope.Ok(null);
        }));
    }

    /// <summary>Creates (id null, 201) or replaces (200) a subscription from <c>{topic, endpoint, is_enabled}</c>.</summary>
    private async Task<EkmResult> SaveSubscriptionAsync(HttpContext http, Guid? id)
    {
        var (body, error) = await EkmJsonBody.ReadAsync(http.Request);
        if (body is null)
            return error!;
        // is_enabled is a non-nullable bool in the model, so leaving it out subscribes disabled.
        if (!body.TryGetString("topic", out var topic, out error) || !body.TryGetString("endpoint", out var endpoint, out error)
            || !body.TryGetBoolean("is_enabled", false, out var enabled, out error))
            return error!;
        if (topic is null || !EkmTopics.All.Contains(topic))
            return EkmEnvelope.BadRequest("topic", $"'{topic}' is not a valid topic. Valid topics: {string.Join(", ", EkmTopics.All)}.");
        if (endpoint is null || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return EkmEnvelope.BadRequest("endpoint", "The endpoint must be an absolute http(s) URL.");

        var caller = Caller(http);
        var subscription = new EkmWebhookSubscription(id ?? Guid.NewGuid(), topic, caller.Username, caller.ClientId, endpoint, enabled);
        if (id is null)
        {
            lock (_lock)
                Shop(caller.Username).Webhooks[subscription.Id] = subscription;
            return EkmEnvelope.Created(EkmJsonMapper.Subscription(subscription));
        }
        return WithSubscription(http, id.Value, _ =>
        {
            Shop(caller.Username).Webhooks[subscription.Id] = subscription;
            return EkmEnvelope.Ok(EkmJsonMapper.Subscription(subscription));
        });
    }

    private List<EkmWebhookSubscription> OwnSubscriptions(HttpContext http)
    {
        var caller = Caller(http);
        return Shop(caller.Username).Webhooks.Values.Where(s => s.ClientId == caller.ClientId).ToList();
    }

    private EkmResult WithSubscription(HttpContext http, Guid id, Func<EkmWebhookSubscription, EkmResult> action)
    {
        lock (_lock)
        {
            return OwnSubscriptions(http).FirstOrDefault(s => s.Id == id) is { } subscription
                ? action(subscription)
                : EkmEnvelope.NotFound("id", "Subscription not found.");
        }
    }
}
