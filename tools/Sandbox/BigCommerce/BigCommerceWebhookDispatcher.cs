using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Sandbox.BigCommerce;

/// <summary>One event to deliver to one hook: the payload (fixed for every attempt and duplicate) and what signs it.</summary>
internal sealed record BigCommerceWebhookEvent(BigCommerceHook Hook, long OrderId, string Hash, byte[] Body, string? SigningSecret);

/// <summary>
/// Delivers webhook events as BigCommerce does: a POST of the light JSON payload signed per Standard Webhooks
/// (<c>webhook-id</c>, <c>webhook-timestamp</c>, <c>webhook-signature: v1,&lt;base64 HMAC-SHA256 of id.timestamp.body&gt;</c>
/// keyed with the app's client secret; each attempt signed at its own time, the id kept), the hook's custom headers,
/// retries on anything but 2xx, and the hook deactivated when they run out. Deliveries run in the background;
/// <see cref="WhenIdleAsync"/> lets a test wait for them.
/// </summary>
internal sealed class BigCommerceWebhookDispatcher(TimeProvider time, Func<BigCommerceWebhookBehaviour> behaviour, Action<string, long> deactivate) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly BackgroundDeliveries _deliveries = new();
    private readonly object _lock = new();
    private readonly List<BigCommerceWebhookAttempt> _attempts = [];

    public IReadOnlyList<BigCommerceWebhookAttempt> Attempts
    {
        get { lock (_lock) return _attempts.ToList(); }
    }

    public void ClearAttempts()
    {
        lock (_lock) _attempts.Clear();
    }

    /// <summary>Starts delivering each event (plus the configured duplicates). Safe to call under the simulator's lock.</summary>
    public void Dispatch(IEnumerable<BigCommerceWebhookEvent> events)
    {
        var settings = behaviour();
        foreach (var e in events)
        {
            for (var copy = 0; copy <= settings.Duplicates; copy++)
            {
                var duplicate = copy;
                _deliveries.Start(shutdown => DeliverAsync(e, duplicate, settings, shutdown));
            }
        }
    }

    /// <summary>Completes when every delivery started so far (and any started meanwhile) has finished.</summary>
    public Task WhenIdleAsync() => _deliveries.WhenIdleAsync();

    private async Task DeliverAsync(BigCommerceWebhookEvent e, int copy, BigCommerceWebhookBehaviour settings, CancellationToken shutdown)
    {
        await Task.Yield(); // never deliver on the caller's thread (it holds the simulator's lock)
        var webhookId = "msg_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        try
        {
            await Task.Delay(settings.Delay * settings.TimeScale, time, shutdown);
            var waited = TimeSpan.Zero;
            for (var attempt = 0; ; attempt++)
            {
                if (attempt > 0)
                {
                    var delay = BigCommerceWebhookBehaviour.RetryDelay(attempt);
                    if (waited + delay > settings.GiveUpAfter)
                    {
                        deactivate(e.Hook.StoreHash, e.Hook.Id);
                        return;
                    }
                    waited += delay;
                    await Task.Delay(delay * settings.TimeScale, time, shutdown);
                }
                var (status, timedOut) = await SendAsync(e, webhookId, settings, shutdown);
                lock (_lock)
                {
                    _attempts.Add(new BigCommerceWebhookAttempt(e.Hook.Id, e.Hook.Destination, e.Hook.Scope, e.Hook.StoreHash, e.OrderId, webhookId, e.Hash,
                        copy, attempt, status, timedOut, time.GetUtcNow()));
                }
                if (status is >= 200 and < 300)
                    return;
            }
        }
        catch (Exception ex) when (shutdown.IsCancellationRequested && ex is OperationCanceledException or ObjectDisposedException)
        {
            // the simulator is being disposed
        }
    }

    private async Task<(int? Status, bool TimedOut)> SendAsync(BigCommerceWebhookEvent e, string webhookId, BigCommerceWebhookBehaviour settings, CancellationToken shutdown)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, e.Hook.Destination) { Content = new ByteArrayContent(e.Body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in e.Hook.Headers)
            request.Headers.TryAddWithoutValidation(name, value);
        if ((settings.SignWithSecret ?? e.SigningSecret) is { } secret)
        {
            var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            request.Headers.TryAddWithoutValidation("webhook-id", webhookId);
            request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp);
            request.Headers.TryAddWithoutValidation("webhook-signature", Sign(secret, webhookId, timestamp, e.Body));
        }
        using var timeout = new CancellationTokenSource(settings.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, shutdown);
        try
        {
            using var response = await _http.SendAsync(request, linked.Token);
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

    /// <summary>Standard Webhooks v1: base64 HMAC-SHA256 over <c>{id}.{timestamp}.{body}</c>, keyed with the client secret's UTF-8 bytes.</summary>
    internal static string Sign(string secret, string webhookId, string timestamp, byte[] body)
    {
        var signed = Encoding.UTF8.GetBytes($"{webhookId}.{timestamp}.").Concat(body).ToArray();
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    public void Dispose()
    {
        _deliveries.Dispose();
        _http.Dispose();
    }
}
