using System.Collections.Concurrent;
using Fulfilment.Channels.BigCommerce.Dtos;
using Fulfilment.Connections;
using Fulfilment.Partners;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fulfilment.Channels.BigCommerce;

/// <summary>
/// Keeps a store subscribed to BigCommerce's order webhooks (hints that cut import latency; the poll stays the
/// backstop): on install, and again from the poll every <see cref="BigCommerceOptions.WebhookRecheckInterval"/>,
/// because BigCommerce deactivates a hook silently after ~48 h of failed deliveries. Nothing happens without a
/// <see cref="BigCommerceOptions.WebhookUrl"/>.
/// </summary>
public sealed class BigCommerceHooks(BigCommerceClient client, IOptions<BigCommerceOptions> options, TimeProvider time, ILogger<BigCommerceHooks> logger)
{
    /// <summary>An order appeared; its status changed (e.g. it became Awaiting Fulfillment, so eligible).</summary>
    public static readonly IReadOnlyList<string> Scopes = [OrderCreatedScope, "store/order/statusUpdated"];

    public const string OrderCreatedScope = "store/order/created";

    // Per instance: at worst each instance re-checks once per interval, which costs one call of a 150-per-30 s quota.
    private readonly ConcurrentDictionary<string, DateTimeOffset> _checkedAt = new(StringComparer.Ordinal);

    /// <summary>
    /// Makes sure one active hook per scope points at our URL: an inactive one is re-activated, a missing one created.
    /// Idempotent (listed first); a failure is the client's <see cref="BigCommerceException"/>.
    /// </summary>
    public async Task EnsureSubscribedAsync(ChannelConnection connection, CancellationToken cancellationToken)
    {
        if (options.Value.WebhookUrl is not { Length: > 0 } destination)
            return;
        var store = BigCommerceChannel.StoreOf(connection);
        var existing = await client.ListHooksAsync(store, cancellationToken);
        foreach (var scope in Scopes)
        {
            var ours = existing.Where(h => h.Scope == scope && string.Equals(h.Destination, destination, StringComparison.Ordinal)).ToList();
            if (ours.Any(h => h.IsActive))
                continue;
            var request = new BcHookRequest { Scope = scope, Destination = destination, IsActive = true };
            if (ours.FirstOrDefault() is { } inactive)
            {
                await client.UpdateHookAsync(store, inactive.Id, request, cancellationToken);
                logger.LogWarning("BigCommerce store {StoreHash}: hook {HookId} for {Scope} was inactive (deliveries failed for long?); re-activated.",
                    store.StoreHash, inactive.Id, scope);
            }
            else
            {
                var created = await client.CreateHookAsync(store, request, cancellationToken);
                logger.LogInformation("BigCommerce store {StoreHash}: subscribed hook {HookId} to {Scope}.", store.StoreHash, created.Id, scope);
            }
        }
        _checkedAt[connection.Id] = time.GetUtcNow();
    }

    /// <summary>
    /// From a poll: <see cref="EnsureSubscribedAsync"/> when this instance has not checked the store for an interval.
    /// Never fails the poll (it alone still imports every order); a failure is logged and tried on the next poll.
    /// </summary>
    public async Task RecheckAsync(ChannelConnection connection, CancellationToken cancellationToken)
    {
        if (options.Value.WebhookUrl is not { Length: > 0 }
            || (_checkedAt.TryGetValue(connection.Id, out var at) && time.GetUtcNow() - at < options.Value.WebhookRecheckInterval))
            return;
        try
        {
            await EnsureSubscribedAsync(connection, cancellationToken);
        }
        catch (PartnerException ex)
        {
            logger.LogWarning("BigCommerce connection {ConnectionId}: webhooks could not be checked; the poll alone imports orders: {Kind} {Status}.",
                connection.Id, ex.Kind, ex.StatusCode);
        }
    }
}
