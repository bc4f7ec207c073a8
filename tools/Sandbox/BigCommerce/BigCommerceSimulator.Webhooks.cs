using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Sandbox.BigCommerce.State;

namespace Sandbox.BigCommerce;

/// <summary>The order webhook scopes the simulator fires.</summary>
public static class BigCommerceScopes
{
    public const string OrderCreated = "store/order/created";
    public const string OrderUpdated = "store/order/updated";
    public const string OrderStatusUpdated = "store/order/statusUpdated";
    public const string OrderArchived = "store/order/archived";
    public const string AllOrder = "store/order/*";

    /// <summary>Scopes a hook may be created for (the order ones, and the uninstall one apps commonly use).</summary>
    public static IReadOnlySet<string> Known { get; } = new HashSet<string>(StringComparer.Ordinal)
        { OrderCreated, OrderUpdated, OrderStatusUpdated, OrderArchived, AllOrder, "store/app/uninstalled" };
}

// Webhooks: the behaviour of deliveries, the hooks apps made, firing events (on order changes or by hand) and what was delivered.
public sealed partial class BigCommerceSimulator
{
    private BigCommerceWebhookBehaviour _webhookBehaviour = new();
    private long _nextHookId = 1;

    /// <summary>How deliveries behave (http destinations allowed, duplicates, retries, time scale).</summary>
    public BigCommerceWebhookBehaviour Webhooks
    {
        get { lock (_lock) return _webhookBehaviour; }
        set { lock (_lock) _webhookBehaviour = value; }
    }

    /// <summary>The store's hooks (every app's).</summary>
    public IReadOnlyList<BigCommerceHook> GetHooks(string storeHash)
    {
        lock (_lock)
            return Store(storeHash).Hooks.Values.OrderBy(h => h.Id).ToList();
    }

    /// <summary>Sets a hook inactive, as BigCommerce does after ~48 h of failed deliveries (or 90 days without events).</summary>
    public void DeactivateHook(string storeHash, long hookId)
    {
        lock (_lock)
        {
            var store = Store(storeHash);
            if (store.Hooks.TryGetValue(hookId, out var hook))
                store.Hooks[hookId] = hook with { IsActive = false, UpdatedAt = Time.GetUtcNow() };
        }
    }

    /// <summary>Sends an order event to the store's active hooks for its scope, e.g. to replay one.</summary>
    public void FireWebhook(string storeHash, string scope, long orderId, (int Previous, int New)? status = null)
    {
        lock (_lock)
            _hookDispatcher.Dispatch(OrderEvents(Store(storeHash), scope, orderId, status));
    }

    /// <summary>Every delivery attempt so far, in the order they finished.</summary>
    public IReadOnlyList<BigCommerceWebhookAttempt> GetWebhookAttempts() => _hookDispatcher.Attempts;

    public void ClearWebhookAttempts() => _hookDispatcher.ClearAttempts();

    /// <summary>Completes when no delivery is in flight or waiting to retry.</summary>
    public Task WhenWebhooksIdleAsync() => _hookDispatcher.WhenIdleAsync();

    /// <summary>After an order was created or changed (under the lock): created, updated and, if its status moved, statusUpdated.</summary>
    private void RaiseOrderEvents(SimStore store, SimOrder order, int? previousStatus, bool created = false)
    {
        if (store.Hooks.Count == 0)
            return;
        var events = new List<BigCommerceWebhookEvent>();
        if (created)
            events.AddRange(OrderEvents(store, BigCommerceScopes.OrderCreated, order.Id, null));
        else
            events.AddRange(OrderEvents(store, BigCommerceScopes.OrderUpdated, order.Id, null));
        if (!created && previousStatus is { } previous && previous != order.StatusId)
            events.AddRange(OrderEvents(store, BigCommerceScopes.OrderStatusUpdated, order.Id, (previous, order.StatusId)));
        _hookDispatcher.Dispatch(events);
    }

    /// <summary>The light payload for each active hook of the scope (or store/order/*). Call under the lock.</summary>
    private List<BigCommerceWebhookEvent> OrderEvents(SimStore store, string scope, long orderId, (int Previous, int New)? status)
    {
        var hooks = store.Hooks.Values.Where(h => h.IsActive && (h.Scope == scope || h.Scope == BigCommerceScopes.AllOrder)).ToList();
        if (hooks.Count == 0)
            return [];
        var createdAt = Time.GetUtcNow().ToUnixTimeSeconds();
        var data = new JsonObject { ["type"] = "order", ["id"] = orderId };
        if (status is { } s)
            data["status"] = new JsonObject { ["previous_status_id"] = s.Previous, ["new_status_id"] = s.New };
        // UNCONFIRMED how BigCommerce computes hash; here: SHA-1 of the event, so each event has its own and duplicates share it.
        var hash = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes($"{store.Hash}|{scope}|{data.ToJsonString()}|{createdAt}|{_nextHookId}|{Guid.NewGuid()}")));
        var body = new JsonObject
        {
            ["scope"] = scope,
            ["store_id"] = StoreIdOf(store.Hash).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["data"] = data,
            ["hash"] = hash,
            ["created_at"] = createdAt,
            ["producer"] = $"stores/{store.Hash}",
        };
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        return hooks.Select(h => new BigCommerceWebhookEvent(h, orderId, hash, bytes, _app?.ClientSecret)).ToList();
    }

    /// <summary>BigCommerce's numeric store id beside the hash: a stable number here.</summary>
    private static long StoreIdOf(string storeHash) =>
        1_000_000 + storeHash.Aggregate(17L, (h, c) => (h * 31 + c) % 9_000_000);
}
