using System.Net;
using Fulfilment.Storage;
using Microsoft.Extensions.Options;

namespace Fulfilment.Channels.Ecomdash;

/// <summary>
/// Keeps every instance together inside a merchant's Ecomdash limits, around each attempt (it runs inside the retry,
/// so retries count too): a permit from the merchant's shared minute quota, then one of its concurrency slots for the
/// operation, held until the answer is read. A 429 with Retry-After (the quota is spent, perhaps by another
/// integration) pauses the merchant's quota for every instance until then.
/// </summary>
public sealed class EcomdashThrottleHandler(IDistributedQuota quota, IDistributedSemaphore slots, IOptionsMonitor<EcomdashOptions> options, TimeProvider time)
    : DelegatingHandler
{
    public static readonly TimeSpan QuotaWindow = TimeSpan.FromMinutes(1);

    /// <summary>A slot outlives the attempt that holds it by this much; a crashed holder's slot frees itself then.</summary>
    private static readonly TimeSpan SlotMargin = TimeSpan.FromSeconds(15);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var limiter = EcomdashRequest.Limiter(request);
        var operation = EcomdashRequest.Operation(request);
        if (limiter is null || operation is null)
            return await base.SendAsync(request, cancellationToken);

        var settings = options.CurrentValue;
        await quota.WaitAsync(limiter, settings.CallsPerMinute, QuotaWindow, cancellationToken);
        await using var slot = await slots.AcquireAsync($"{limiter}:{operation.Name}", settings.ConcurrentCallsPerOperation,
            settings.AttemptTimeout + SlotMargin, cancellationToken);

        var response = await base.SendAsync(request, cancellationToken);
        // The slot is held until the whole answer is in: the next call must not overlap this one at Ecomdash.
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        if (response.StatusCode == HttpStatusCode.TooManyRequests && Fulfilment.Partners.PartnerHttpOutcomes.RetryAfter(response, time) is { } wait && wait > TimeSpan.Zero)
            await quota.PauseUntilAsync(limiter, time.GetUtcNow() + wait, cancellationToken);
        return response;
    }
}
