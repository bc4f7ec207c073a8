using Fulfilment.Cancellation;
using Fulfilment.Connections;
using Fulfilment.Functions.Http;
using Fulfilment.Orders;
using Fulfilment.Partners;
using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Fulfilment.Functions.Manage;

/// <summary>What POST .../cancel takes (optional): why the order is cancelled, passed to the carrier and kept in the history.</summary>
public sealed record CancelOrderInput(string? Reason);

/// <summary>What a cancellation came to, as the API answers it.</summary>
public sealed record CancelOrderView(CancelOutcomeKind Outcome, OrderState? State, string Message);

/// <summary>
/// HTTP POST: cancels an order and its carrier shipment. 200 when it is cancelled (before it reached a carrier, or at the
/// carrier before pickup) or returning to origin (after pickup), or was cancelled already; 202 while its carrier order is
/// being created or the carrier could not be reached (the cancellation then follows by itself); 409 when it cannot be
/// cancelled (despatched, manifested…) with the reason; 404 for an unknown order.
/// </summary>
public sealed class AdminCancelOrder(OrderCancellation cancellation, IWorkQueue queue, IOrderStore orders, ICarrierAccountStore accounts,
    CredentialFailures credentialFailures, IOptions<PipelineOptions> options, ILogger<AdminCancelOrder> logger)
{
    [Function(nameof(AdminCancelOrder))]
    public async Task<IResult> CancelAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.Manage + "/orders/{connectionId}/{channelOrderId}/cancel")] HttpRequest request)
    {
        var ct = request.HttpContext.RequestAborted;
        var key = new OrderKey((string)request.RouteValues["connectionId"]!, (string)request.RouteValues["channelOrderId"]!);
        var reason = "cancelled through the management API";
        if (request.ContentLength is > 0 || (request.ContentLength is null && request.Headers.ContentType.Count > 0))
        {
            var body = await RequestJson.ReadAsync<CancelOrderInput>(request, "{reason}");
            if (body.Failed)
                return body.Problem;
            if (body.Value.Reason is { Length: > OrderCancellation.MaxReasonLength })
                return ApiResults.BadRequest($"reason is longer than {OrderCancellation.MaxReasonLength} characters.");
            if (!string.IsNullOrWhiteSpace(body.Value.Reason))
                reason = body.Value.Reason.Trim();
        }

        CancelOutcome outcome;
        try
        {
            outcome = await cancellation.CancelAsync(key, reason, CancellationSource.Operator, ct);
        }
        catch (PartnerException ex) when (ex.Kind == PartnerFailureKind.Authentication)
        {
            if ((await orders.GetAsync(key, ct))?.Plan?.CarrierAccountId is { } accountId && await accounts.GetAsync(accountId, ct) is { } account)
                await credentialFailures.AccountRefusedAsync(account, ex, ct);
            return ApiResults.Error(StatusCodes.Status502BadGateway, "The carrier refused our credentials; store new ones, then cancel again.", [ex.Message]);
        }
        catch (PartnerException ex) when (ex.IsRetryable)
        {
            await QueueAsync(key, reason, ct);
            logger.LogWarning("Cancellation of order {OrderKey} could not reach {Partner} ({Message}); it is retried.", key.ToString(), ex.Partner, ex.Message);
            return ApiResults.Status(StatusCodes.Status202Accepted,
                new CancelOrderView(CancelOutcomeKind.Pending, null, $"{ex.Partner} did not answer ({ex.Message}); the cancellation is retried."));
        }

        logger.LogInformation("Order {OrderKey} cancellation by an operator: {Outcome}.", key.ToString(), outcome.Kind);
        var view = new CancelOrderView(outcome.Kind, outcome.State, outcome.Message);
        switch (outcome.Kind)
        {
            case CancelOutcomeKind.NotFound:
                return ApiResults.NotFound(outcome.Message);
            case CancelOutcomeKind.Refused:
                return ApiResults.Conflict($"Order {key} cannot be cancelled: {outcome.Message}", [outcome.Message]);
            case CancelOutcomeKind.Pending:
                await QueueAsync(key, reason, ct);
                return ApiResults.Status(StatusCodes.Status202Accepted, view);
            default:
                return ApiResults.Ok(view);
        }
    }

    /// <summary>The queue takes it from here, after the settle delay (a carrier order in flight has landed by then).</summary>
    private Task QueueAsync(OrderKey key, string reason, CancellationToken ct) =>
        queue.SendAsync(StorageNames.Queues.OrderCancel, new CancelOrderMessage(key.ConnectionId, key.ChannelOrderId, reason, CancellationSource.Operator),
            ct, TimeSpan.FromSeconds(Math.Max(1, options.Value.CarrierSettleSeconds)));
}
