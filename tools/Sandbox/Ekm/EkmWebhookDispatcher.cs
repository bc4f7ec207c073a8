using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Sandbox.Ekm;

/// <summary>
/// Delivers webhook events as EKM documents: an unsigned POST of <c>{username, topic, entity_id}</c>, a 200 OK within
/// the timeout or it is retried (up to 20 times at 200 ms × 1.97^n), and sometimes more than once. Anything but 200 is
/// a failure (the docs speak of "a 200 OK response": whether 2xx would do is UNCONFIRMED). Deliveries run in the
/// background; <see cref="WhenIdleAsync"/> lets a test wait for them.
/// </summary>
internal sealed class EkmWebhookDispatcher(TimeProvider time, Func<EkmWebhookBehaviour> behaviour) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly BackgroundDeliveries _deliveries = new();
    private readonly object _lock = new();
    private readonly List<EkmWebhookAttempt> _attempts = [];

    public IReadOnlyList<EkmWebhookAttempt> Attempts
    {
        get { lock (_lock) return _attempts.ToList(); }
    }

    public void ClearAttempts()
    {
        lock (_lock) _attempts.Clear();
    }

    /// <summary>Starts delivering the event to each subscription (plus the configured duplicates).</summary>
    public void Dispatch(IEnumerable<EkmWebhookSubscription> subscriptions, string topic, string username, long entityId)
    {
        var settings = behaviour();
        foreach (var subscription in subscriptions)
        {
            for (var copy = 0; copy <= settings.Duplicates; copy++)
            {
                var (target, duplicate) = (subscription, copy);
                _deliveries.Start(shutdown => DeliverAsync(target, topic, username, entityId, duplicate, settings, shutdown));
            }
        }
    }

    /// <summary>Completes when every delivery started so far (and any started meanwhile) has finished.</summary>
    public Task WhenIdleAsync() => _deliveries.WhenIdleAsync();

    private async Task DeliverAsync(EkmWebhookSubscription subscription, string topic, string username, long entityId, int copy,
        EkmWebhookBehaviour settings, CancellationToken shutdown)
    {
        await Task.Yield(); // never deliver on the caller's thread (it may hold the simulator's lock)
        try
        {
            await Task.Delay(Scale(settings.Delay, settings), time, shutdown);
            for (var attempt = 0; attempt <= settings.MaxRetries; attempt++)
            {
                if (attempt > 0)
                    await Task.Delay(Scale(EkmWebhookBehaviour.RetryDelay(attempt), settings), time, shutdown);
                var (status, timedOut) = await SendAsync(subscription.Endpoint, topic, username, entityId, settings, shutdown);
                lock (_lock)
                    _attempts.Add(new EkmWebhookAttempt(subscription.Id, subscription.Endpoint, topic, username, entityId, copy, attempt, status, timedOut, time.GetUtcNow()));
                if (status == 200)
                    return;
            }
        }
        catch (Exception e) when (shutdown.IsCancellationRequested && e is OperationCanceledException or ObjectDisposedException)
        {
            // the simulator is being disposed
        }
    }

    private async Task<(int? Status, bool TimedOut)> SendAsync(string endpoint, string topic, string username, long entityId,
        EkmWebhookBehaviour settings, CancellationToken shutdown)
    {
        var body = new JsonObject
        {
            ["username"] = username,
            ["topic"] = topic,
            ["entity_id"] = settings.EntityIdAsString ? JsonValue.Create(entityId.ToString(System.Globalization.CultureInfo.InvariantCulture)) : JsonValue.Create(entityId),
        };
        using var timeout = new CancellationTokenSource(settings.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, shutdown);
        try
        {
            using var response = await _http.PostAsJsonAsync(endpoint, body, linked.Token);
            return ((int)response.StatusCode, false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !shutdown.IsCancellationRequested)
        {
            return (null, true);
        }
        catch (HttpRequestException)
        {
            return (null, false); // connection refused and the like: a failed attempt
        }
    }

    private static TimeSpan Scale(TimeSpan delay, EkmWebhookBehaviour settings) => delay * settings.TimeScale;

    public void Dispose()
    {
        _deliveries.Dispose();
        _http.Dispose();
    }
}
