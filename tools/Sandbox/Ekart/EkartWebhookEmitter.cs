using System.Net.Http.Headers;

namespace Sandbox.Ekart;

/// <summary>
/// Pushes tracking events to the merchants' webhook endpoints, one POST at a time in publication order, applying the
/// faults asked for (queued per merchant, a seeded storm, or per explicit send) and recording every delivery with the
/// receiver's answer. Thread-safe; never calls back into the simulator.
/// </summary>
internal sealed class EkartWebhookEmitter(TimeProvider time) : IDisposable
{
    private const string ForgedSecretPrefix = "forged-";

    private readonly object _gate = new();
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly CancellationTokenSource _stopping = new();
    private readonly Dictionary<string, EkartWebhookRegistration> _registrations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<EkartWebhookFault>> _queuedFaults = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (EkartWebhookStorm Storm, Random Random)> _storms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<EkartWebhookMessage>> _published = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<EkartWebhookMessage>> _heldForReorder = new(StringComparer.Ordinal);
    private readonly List<EkartWebhookDelivery> _deliveries = [];
    private readonly List<ITimer> _delayTimers = [];
    private Task _tail = Task.CompletedTask;
    private TimeSpan _defaultDelay = TimeSpan.FromSeconds(30);
    private TimeSpan _receiverTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long a <see cref="EkartWebhookFault.Delay"/> that is queued or explicit waits (simulator clock).</summary>
    public TimeSpan DefaultDelay
    {
        get { lock (_gate) return _defaultDelay; }
        set { lock (_gate) _defaultDelay = value; }
    }

    /// <summary>How long (real time) a receiver may take to answer before the delivery is recorded as failed.</summary>
    public TimeSpan ReceiverTimeout
    {
        get { lock (_gate) return _receiverTimeout; }
        set { lock (_gate) _receiverTimeout = value; }
    }

    public void Register(EkartWebhookRegistration registration)
    {
        lock (_gate) _registrations[registration.MerchantCode] = registration;
    }

    public void Unregister(string merchantCode)
    {
        lock (_gate) _registrations.Remove(merchantCode);
    }

    public IReadOnlyList<EkartWebhookRegistration> Registrations()
    {
        lock (_gate) return _registrations.Values.ToList();
    }

    public void QueueFaults(string merchantCode, IEnumerable<EkartWebhookFault> faults)
    {
        lock (_gate)
        {
            if (!_queuedFaults.TryGetValue(merchantCode, out var queue)) _queuedFaults[merchantCode] = queue = new Queue<EkartWebhookFault>();
            foreach (var fault in faults) queue.Enqueue(fault);
        }
    }

    public void SetStorm(string merchantCode, EkartWebhookStorm? storm)
    {
        lock (_gate)
        {
            if (storm is null) _storms.Remove(merchantCode);
            else _storms[merchantCode] = (storm, new Random(storm.Seed));
        }
    }

    public IReadOnlyList<EkartWebhookDelivery> Deliveries()
    {
        lock (_gate) return _deliveries.ToList();
    }

    /// <summary>A new event: delivered to the merchant's endpoint (if any) with its next queued or storm fault.</summary>
    public void Publish(EkartWebhookMessage message)
    {
        lock (_gate)
        {
            if (!_published.TryGetValue(message.TrackingId, out var list)) _published[message.TrackingId] = list = [];
            list.Add(message);
            if (!_registrations.TryGetValue(message.MerchantCode, out var registration)) return;
            var (fault, delay) = NextFaultLocked(message.MerchantCode);
            DispatchLocked(registration, message, fault, delay, explicitOlder: null);
        }
    }

    /// <summary>
    /// Sends <paramref name="message"/> again with <paramref name="fault"/>; for <see cref="EkartWebhookFault.Reorder"/>,
    /// <paramref name="older"/> follows it at once instead of being held for the next event.
    /// </summary>
    public void Resend(EkartWebhookMessage message, EkartWebhookMessage? older, EkartWebhookFault fault)
    {
        lock (_gate)
        {
            var registration = _registrations.GetValueOrDefault(message.MerchantCode)
                ?? throw new InvalidOperationException($"Merchant {message.MerchantCode} has no webhook registered.");
            DispatchLocked(registration, message, fault, _defaultDelay, older ?? message);
        }
    }

    /// <summary>Sends events still held for reordering, then waits until every delivery queued so far has been made.</summary>
    public async Task FlushAsync()
    {
        lock (_gate)
        {
            foreach (var message in _heldForReorder.Values.SelectMany(m => m).ToList())
                if (_registrations.TryGetValue(message.MerchantCode, out var registration))
                    EnqueueLocked(registration, message, EkartWebhookFault.Reorder);
            _heldForReorder.Clear();
        }
        while (true)
        {
            Task tail;
            lock (_gate) tail = _tail;
            await tail.ConfigureAwait(false);
            lock (_gate)
                if (ReferenceEquals(tail, _tail)) return;
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        lock (_gate)
        {
            foreach (var timer in _delayTimers) timer.Dispose();
            _delayTimers.Clear();
        }
        _http.Dispose();
        _stopping.Dispose();
    }

    private (EkartWebhookFault Fault, TimeSpan Delay) NextFaultLocked(string merchantCode)
    {
        if (_queuedFaults.TryGetValue(merchantCode, out var queue) && queue.TryDequeue(out var queued))
            return (queued, _defaultDelay);
        if (!_storms.TryGetValue(merchantCode, out var storm)) return (EkartWebhookFault.None, TimeSpan.Zero);

        var (settings, random) = storm;
        var draw = random.NextDouble();
        (EkartWebhookFault Fault, double Probability)[] odds =
        [
            (EkartWebhookFault.WrongSecret, settings.WrongSecret), (EkartWebhookFault.Unsigned, settings.Unsigned),
            (EkartWebhookFault.Duplicate, settings.Duplicate), (EkartWebhookFault.Reorder, settings.Reorder),
            (EkartWebhookFault.Delay, settings.Delay), (EkartWebhookFault.Stale, settings.Stale),
        ];
        foreach (var (fault, probability) in odds)
        {
            if (draw < probability)
                return fault == EkartWebhookFault.Delay
                    ? (fault, (settings.MaxDelay ?? TimeSpan.FromSeconds(30)) * random.NextDouble())
                    : (fault, TimeSpan.Zero);
            draw -= probability;
        }
        return (EkartWebhookFault.None, TimeSpan.Zero);
    }

    private void DispatchLocked(EkartWebhookRegistration registration, EkartWebhookMessage message, EkartWebhookFault fault, TimeSpan delay, EkartWebhookMessage? explicitOlder)
    {
        // Events held back for reordering go out after this newer one.
        var held = _heldForReorder.Remove(message.TrackingId, out var waiting) ? waiting : [];
        switch (fault)
        {
            case EkartWebhookFault.Reorder when explicitOlder is not null:
                EnqueueLocked(registration, message, EkartWebhookFault.None);
                EnqueueLocked(registration, explicitOlder, EkartWebhookFault.Reorder);
                break;
            case EkartWebhookFault.Reorder:
                _heldForReorder[message.TrackingId] = [message];
                break;
            case EkartWebhookFault.Delay:
                ScheduleDelayedLocked(registration, message, delay);
                break;
            case EkartWebhookFault.Duplicate:
                EnqueueLocked(registration, message, EkartWebhookFault.None);
                EnqueueLocked(registration, message, EkartWebhookFault.Duplicate);
                break;
            case EkartWebhookFault.Stale:
                EnqueueLocked(registration, message, EkartWebhookFault.None);
                EnqueueLocked(registration, _published.GetValueOrDefault(message.TrackingId)?.FirstOrDefault() ?? message, EkartWebhookFault.Stale);
                break;
            default:
                EnqueueLocked(registration, message, fault);
                break;
        }
        foreach (var older in held) EnqueueLocked(registration, older, EkartWebhookFault.Reorder);
    }

    private void ScheduleDelayedLocked(EkartWebhookRegistration registration, EkartWebhookMessage message, TimeSpan delay)
    {
        ITimer? timer = null;
        timer = time.CreateTimer(_ =>
        {
            lock (_gate)
            {
                EnqueueLocked(registration, message, EkartWebhookFault.Delay);
                if (timer is not null && _delayTimers.Remove(timer)) timer.Dispose();
            }
        }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _delayTimers.Add(timer);
        // Armed only once it is in the list: a fake clock may fire it synchronously inside Change.
        timer.Change(delay, Timeout.InfiniteTimeSpan);
    }

    private void EnqueueLocked(EkartWebhookRegistration registration, EkartWebhookMessage message, EkartWebhookFault fault)
    {
        // A continuation on the thread pool: the POST never runs on (or under the locks of) the publishing thread.
        _tail = _tail.ContinueWith(_ => SendAsync(registration, message, fault), CancellationToken.None,
            TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
    }

    private async Task SendAsync(EkartWebhookRegistration registration, EkartWebhookMessage message, EkartWebhookFault fault)
    {
        var signature = fault switch
        {
            EkartWebhookFault.Unsigned => null,
            EkartWebhookFault.WrongSecret => EkartWebhookPayload.Sign(message.Body, ForgedSecretPrefix + registration.Secret, registration.Encoding),
            _ => EkartWebhookPayload.Sign(message.Body, registration.Secret, registration.Encoding),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, registration.Url) { Content = new ByteArrayContent(message.Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (signature is not null) request.Headers.TryAddWithoutValidation(registration.SignatureHeader, signature);

        var sentAt = time.GetUtcNow();
        int? status = null;
        string? error = null;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            timeout.CancelAfter(ReceiverTimeout);
            using var response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            status = (int)response.StatusCode;
        }
        catch (Exception e) // any failure to deliver is recorded, never thrown: the send chain must keep going
        {
            error = e is OperationCanceledException ? "The receiver did not answer in time." : e.Message;
        }
        lock (_gate)
            _deliveries.Add(new EkartWebhookDelivery(_deliveries.Count + 1, message.MerchantCode, registration.Url, message.TrackingId,
                message.Status, message.EventId, fault, signature, System.Text.Encoding.UTF8.GetString(message.Body), sentAt, status, error));
    }
}
