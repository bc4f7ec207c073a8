namespace Sandbox.Ekm;

/// <summary>The webhook topics EKM offers.</summary>
public static class EkmTopics
{
    public const string OrderCreated = "order.created";
    public const string OrderUpdated = "order.updated";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal) { OrderCreated, OrderUpdated };
}

// Test API for webhooks: what apps subscribed, firing events by hand, and what was delivered.
public sealed partial class EkmSimulator
{
    /// <summary>The shop's subscriptions (every app's).</summary>
    public IReadOnlyList<EkmWebhookSubscription> GetWebhookSubscriptions(string username)
    {
        lock (_lock)
            return Shop(username).Webhooks.Values.ToList();
    }

    /// <summary>Sends an event to the shop's enabled subscriptions for <paramref name="topic"/>, e.g. to replay one.</summary>
    public void FireWebhook(string username, string topic, long orderId)
    {
        if (!EkmTopics.All.Contains(topic))
            throw new ArgumentException($"EKM has no topic '{topic}'.", nameof(topic));
        IReadOnlyList<EkmWebhookSubscription> subscribers;
        lock (_lock)
            subscribers = Subscribers(Shop(username), topic);
        _webhooks.Dispatch(subscribers, topic, username, orderId);
    }

    /// <summary>Every delivery attempt so far, in the order they finished.</summary>
    public IReadOnlyList<EkmWebhookAttempt> GetWebhookAttempts() => _webhooks.Attempts;

    public void ClearWebhookAttempts() => _webhooks.ClearAttempts();

    /// <summary>Completes when no delivery is in flight or waiting to retry.</summary>
    public Task WhenWebhooksIdleAsync() => _webhooks.WhenIdleAsync();

    private static List<EkmWebhookSubscription> Subscribers(EkmShop shop, string topic) =>
        shop.Webhooks.Values.Where(s => s.IsEnabled && s.Topic == topic).ToList();
}
