namespace Sandbox.Ekart;

// Tracking webhooks: every new event of a merchant with a registered endpoint is pushed to it (see EkartWebhookEmitter).
public sealed partial class EkartSimulator
{
    /// <summary>Header the signature goes in unless told otherwise (UNCONFIRMED; integrators guess this name).</summary>
    public const string DefaultSignatureHeader = "X-Ekart-Signature";

    /// <summary>
    /// From now on, every tracking event of the merchant's shipments is POSTed to <paramref name="url"/> with an
    /// HMAC-SHA256 of the raw body, keyed with <paramref name="secret"/>, in <paramref name="signatureHeader"/>.
    /// </summary>
    public void RegisterWebhook(string merchantCode, string url, string secret, string signatureHeader = DefaultSignatureHeader,
        EkartSignatureEncoding encoding = EkartSignatureEncoding.Hex)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new ArgumentException("The webhook URL must be an absolute http(s) URL.", nameof(url));
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentException.ThrowIfNullOrWhiteSpace(signatureHeader);
        lock (_lock) Merchant(merchantCode);
        _webhooks.Register(new EkartWebhookRegistration(merchantCode, uri, secret, signatureHeader, encoding));
    }

    public void UnregisterWebhook(string merchantCode) => _webhooks.Unregister(merchantCode);

    public IReadOnlyList<EkartWebhookRegistration> WebhookRegistrations() => _webhooks.Registrations();

    /// <summary>The merchant's next automatic deliveries get these faults, one each, in order.</summary>
    public void QueueWebhookFaults(string merchantCode, params EkartWebhookFault[] faults) => _webhooks.QueueFaults(merchantCode, faults);

    /// <summary>Random, reproducible faults on every automatic delivery of the merchant (null to stop).</summary>
    public void SetWebhookStorm(string merchantCode, EkartWebhookStorm? storm) => _webhooks.SetStorm(merchantCode, storm);

    /// <summary>How long a queued or explicit <see cref="EkartWebhookFault.Delay"/> waits on the simulator's clock (default 30 s).</summary>
    public TimeSpan WebhookDelay
    {
        get => _webhooks.DefaultDelay;
        set => _webhooks.DefaultDelay = value;
    }

    /// <summary>How long (real time) a receiver may take before a delivery is recorded as unanswered (default 10 s).</summary>
    public TimeSpan WebhookReceiverTimeout
    {
        get => _webhooks.ReceiverTimeout;
        set => _webhooks.ReceiverTimeout = value;
    }

    /// <summary>
    /// Pushes one of the shipment's events again (by history sequence; the latest by default) with <paramref name="fault"/>.
    /// A <see cref="EkartWebhookFault.Reorder"/> sends that event, then the one before it; a
    /// <see cref="EkartWebhookFault.Stale"/> sends it, then replays the shipment's first event.
    /// Completes when the sends are made (a Delay only once the simulator's clock reaches it).
    /// </summary>
    public Task SendWebhookAsync(string trackingId, EkartWebhookFault fault = EkartWebhookFault.None, int? sequence = null)
    {
        lock (_lock)
        {
            var shipment = _shipments.GetValueOrDefault(trackingId) ?? throw new KeyNotFoundException($"No Ekart shipment '{trackingId}'.");
            var index = sequence is { } s ? s - 1 : shipment.History.Count - 1;
            if (index < 0 || index >= shipment.History.Count)
                throw new ArgumentOutOfRangeException(nameof(sequence), sequence, $"Shipment {trackingId} has {shipment.History.Count} events.");
            var message = EkartWebhookPayload.Message(shipment, shipment.History[index]);
            var older = index > 0 ? EkartWebhookPayload.Message(shipment, shipment.History[index - 1]) : null;
            _webhooks.Resend(message, fault == EkartWebhookFault.Stale ? null : older, fault);
        }
        return FlushWebhooksAsync();
    }

    /// <summary>
    /// Sends anything held back for reordering and waits for every delivery queued so far. Delays still waiting for
    /// the simulator's clock are not waited for: advance the clock first.
    /// </summary>
    public Task FlushWebhooksAsync() => _webhooks.FlushAsync();

    /// <summary>Every webhook POST made so far, in order, with the receiver's status code.</summary>
    public IReadOnlyList<EkartWebhookDelivery> WebhookDeliveries() => _webhooks.Deliveries();
}
