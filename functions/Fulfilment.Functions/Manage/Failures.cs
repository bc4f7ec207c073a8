using Fulfilment.Failures;
using Fulfilment.Functions.Http;
using Fulfilment.Orders;
using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Fulfilment.Functions.Manage;

/// <summary>One failure or stuck order as ops see it: what, why, since when, and whether a replay can move it on.</summary>
public sealed record FailureView(string Id, string Kind, string Subject, string Cause, DateTimeOffset Since, DateTimeOffset? LastSeenAt, bool Replayable, string? Payload)
{
    public static FailureView From(Failure f) => new(f.Id, f.Kind.ToString(), f.Subject, f.Cause, f.FirstSeenAt, f.LastSeenAt,
        f.Kind == FailureKind.Order || f.Payload is not null, f.Payload);

    public static FailureView From(StuckOrder s) => new(s.Id, s.Kind.ToString(), s.Order.ToString(), s.Cause, s.Since, null, s.Kind == StuckKind.WritingBack, null);
}

/// <summary>Every failure, oldest first.</summary>
public sealed record FailureListView(int Count, DateTimeOffset? OldestAt, IReadOnlyList<FailureView> Failures);

/// <summary>
/// HTTP: failures in one place. GET lists messages that kept failing or could not be read, orders that need attention,
/// and orders stuck longer than the thresholds, each with its cause. POST {id}/replay moves one on once its cause is
/// fixed: a message is sent to its queue again, an order resumes, a write-back is tried now. Replaying twice is
/// harmless: the second finds nothing left to replay (404) or an order no longer needing it (409).
/// </summary>
public sealed class AdminFailures(FailureOverview overview, IFailureStore failures, IPoisonQueues queues, OrderReplay replay,
    IWriteBackOutbox writeBacks, DespatchWriteBacks despatch, TimeProvider time, ILogger<AdminFailures> logger)
{
    [Function(nameof(AdminFailures))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", "post", Route = Routes.Manage + "/failures/{id?}/{action?}")] HttpRequest request)
    {
        var id = request.RouteValues["id"] as string;
        var action = request.RouteValues["action"] as string;
        if (HttpMethods.IsGet(request.Method) && id is null)
            return ListAsync(request);
        if (HttpMethods.IsPost(request.Method) && id is not null && string.Equals(action, "replay", StringComparison.OrdinalIgnoreCase))
            return ReplayAsync(request, id);
        return Task.FromResult(ApiResults.NotFound("Use GET .../failures, or POST .../failures/{id}/replay."));
    }

    private async Task<IResult> ListAsync(HttpRequest request)
    {
        var list = await overview.GatherAsync(request.HttpContext.RequestAborted);
        var views = list.Failures.Select(FailureView.From).Concat(list.Stuck.Select(FailureView.From)).OrderBy(v => v.Since).ToList();
        return ApiResults.Ok(new FailureListView(views.Count, list.OldestAt, views));
    }

    private async Task<IResult> ReplayAsync(HttpRequest request, string id)
    {
        var ct = request.HttpContext.RequestAborted;
        if (await RequestJson.EnsureNoBodyAsync(request) is { } problem)
            return problem;

        if (await failures.GetAsync(id, ct) is { } failure)
            return failure.Kind == FailureKind.Order ? await ReplayOrderAsync(failure, ct) : await ReplayMessageAsync(failure, ct);

        var stuck = (await overview.GatherAsync(ct)).Stuck.FirstOrDefault(s => s.Id == id);
        if (stuck is null)
            return ApiResults.NotFound($"There is no failure '{id}' (it may have been replayed or resolved already).");
        if (stuck.Kind != StuckKind.WritingBack)
            return ApiResults.Conflict($"Order {stuck.Order} has nothing to replay: {stuck.Cause}");
        var entry = await writeBacks.GetAsync(stuck.Order, ct);
        await writeBacks.RescheduleAsync(stuck.Order, time.GetUtcNow() + DespatchWriteBacks.Claim, entry?.Attempts ?? 0, entry?.LastError, ct);
        await despatch.SendAsync(stuck.Order, entry?.TraceParent, ct);
        logger.LogInformation("Write-back of order {OrderKey} replayed by an operator.", stuck.Order);
        return ApiResults.Status(StatusCodes.Status202Accepted, new { replayed = "write-back", order = stuck.Order.ToString() });
    }

    private async Task<IResult> ReplayOrderAsync(Failure failure, CancellationToken ct)
    {
        if (FailureOverview.ParseOrderKey(failure.Subject) is not { } key)
            return ApiResults.Conflict($"Failure '{failure.Id}' names no order ('{failure.Subject}').");
        OrderState? resumed;
        try
        {
            resumed = await replay.ReplayAsync(key, ct);
        }
        catch (InvalidOperationException ex)
        {
            return ApiResults.Conflict(ex.Message);
        }
        if (resumed is null)
            return ApiResults.NotFound($"There is no order {key}.");
        logger.LogInformation("Order {OrderKey} replayed from the failures view; resumed as {State}.", key, resumed);
        return ApiResults.Status(StatusCodes.Status202Accepted, new { replayed = "order", order = key.ToString(), resumedAs = resumed.Value });
    }

    private async Task<IResult> ReplayMessageAsync(Failure failure, CancellationToken ct)
    {
        if (failure.Payload is null)
            return ApiResults.Conflict($"Failure '{failure.Id}' kept no message text to send again.");
        if (!StorageNames.Queues.All.Contains(failure.Subject, StringComparer.Ordinal))
            return ApiResults.Conflict($"Failure '{failure.Id}' came from '{failure.Subject}', which is not one of our queues.");
        // Removed first: two replays at once send it once (the loser finds nothing to remove and answers 404).
        if (!await failures.RemoveAsync(failure.Id, ct))
            return ApiResults.NotFound($"There is no failure '{failure.Id}' (it was replayed already).");
        await queues.SendTextAsync(failure.Subject, failure.Payload, ct);
        logger.LogInformation("A message of {Queue} was replayed by an operator (failure {FailureId}).", failure.Subject, failure.Id);
        return ApiResults.Status(StatusCodes.Status202Accepted, new { replayed = "message", queue = failure.Subject });
    }
}
