using System.Diagnostics;
using Fulfilment.Connections;
using Fulfilment.Failures;
using Fulfilment.Orders;
using Fulfilment.Partners;
using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fulfilment.Cancellation;

/// <summary>
/// Queue step: cancels one order (<see cref="OrderCancellation"/>). One waiting for its carrier order, or for an account
/// whose credentials were refused, is sent again later with a growing delay; after <see cref="MaxWaits"/> waits it is
/// listed among the failures with its message, to be replayed once the cause is fixed. A carrier that fails transiently
/// throws, so the queue retries (and the poison sweep lists it if it keeps failing).
/// </summary>
public sealed class CancelOrderStep(
    OrderCancellation cancellation,
    IWorkQueue queue,
    IFailureStore failures,
    CredentialFailures credentialFailures,
    ICarrierAccountStore accounts,
    IOrderStore orders,
    IOptions<PipelineOptions> options,
    TimeProvider time,
    ILogger<CancelOrderStep> logger)
{
    /// <summary>Waits before a cancellation is handed to ops (about a day with the default settle delay).</summary>
    public const int MaxWaits = 30;

    public async Task<CancelOutcome> RunAsync(CancelOrderMessage message, CancellationToken cancellationToken)
    {
        var key = new OrderKey(message.ConnectionId, message.ChannelOrderId);
        Activity.Current?.SetTag("order.key", key.ToString());
        CancelOutcome outcome;
        try
        {
            outcome = await cancellation.CancelAsync(key, message.Reason, message.Source, cancellationToken);
        }
        catch (PartnerException ex) when (ex.Kind == PartnerFailureKind.Authentication)
        {
            if (await AccountOfAsync(key, cancellationToken) is { } account)
                await credentialFailures.AccountRefusedAsync(account, ex, cancellationToken);
            return await WaitAsync(message, $"the carrier refused our credentials ({ex.Message})", cancellationToken);
        }
        if (outcome.Kind == CancelOutcomeKind.Pending)
            return await WaitAsync(message, outcome.Message, cancellationToken);
        logger.LogInformation("Cancellation of order {OrderKey}: {Outcome} ({Message}).", key, outcome.Kind, outcome.Message);
        return outcome;
    }

    /// <summary>Sends the message again after a delay that doubles each time (from the settle delay, up to an hour).</summary>
    private async Task<CancelOutcome> WaitAsync(CancelOrderMessage message, string why, CancellationToken cancellationToken)
    {
        var key = new OrderKey(message.ConnectionId, message.ChannelOrderId);
        if (message.Attempt >= MaxWaits)
        {
            await failures.RecordAsync(new Failure
            {
                Id = Failure.IdFor(FailureKind.PoisonMessage, $"{StorageNames.Queues.OrderCancel}/{key}"),
                Kind = FailureKind.PoisonMessage,
                Subject = StorageNames.Queues.OrderCancel,
                Cause = $"The cancellation of order {key} waited {MaxWaits} times: {why}. Cancel it at the carrier, or replay once the carrier order exists.",
                FirstSeenAt = time.GetUtcNow(),
                LastSeenAt = time.GetUtcNow(),
                Payload = System.Text.Encoding.UTF8.GetString(PipelineMessageJson.Serialize(message with { Attempt = 0 })),
            }, cancellationToken);
            logger.LogError("Cancellation of order {OrderKey} gave up waiting: {Why}", key, why);
            return new CancelOutcome(CancelOutcomeKind.Pending, null, why);
        }
        var seconds = Math.Min(3600, Math.Max(1, options.Value.CarrierSettleSeconds) * Math.Pow(2, Math.Min(message.Attempt, 12)));
        await queue.SendAsync(StorageNames.Queues.OrderCancel, message with { Attempt = message.Attempt + 1 }, cancellationToken, TimeSpan.FromSeconds(seconds));
        logger.LogInformation("Cancellation of order {OrderKey} waits {Seconds:0} s: {Why}", key, seconds, why);
        return new CancelOutcome(CancelOutcomeKind.Pending, null, why);
    }

    private async Task<CarrierAccount?> AccountOfAsync(OrderKey key, CancellationToken cancellationToken) =>
        (await orders.GetAsync(key, cancellationToken))?.Plan?.CarrierAccountId is { } id ? await accounts.GetAsync(id, cancellationToken) : null;
}
