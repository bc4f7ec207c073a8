using Azure.Data.Tables;
using Fulfilment.Failures;
using Fulfilment.Functions.Http;
using Fulfilment.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Fulfilment.Functions.Manage;

/// <summary>
/// HTTP GET health, cheap enough for a one-minute probe: storage, queue and poison-queue depths, connections, carrier
/// accounts, and the failures and stuck orders (from the failures table and the outboxes, never a scan of all orders).
/// 200 when healthy or degraded, 503 when unhealthy (storage unreachable, or a failure older than the threshold).
/// </summary>
public sealed class Health(TableServiceClient tables, IQueueInspector queueInspector, IConnectionStore connectionStore,
    ICarrierAccountStore accountStore, FailureOverview failures, IOptions<FailureOptions> failureOptions, TimeProvider time, ILogger<Health> logger)
{
    /// <summary>A storage account that does not answer in this time is reported as unreachable, not waited on.</summary>
    public static readonly TimeSpan StorageTimeout = TimeSpan.FromSeconds(10);

    [Function(nameof(Health))]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Function, "get", Route = "health")] HttpRequest request)
    {
        var http = request.HttpContext;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        timeout.CancelAfter(StorageTimeout);
        var ct = timeout.Token;

        IReadOnlyList<QueueDepth> queues;
        try
        {
            // The cheap probes: one row of one table, and the queue depths (a call per queue).
            var table = tables.GetTableClient(StorageNames.Tables.Connections);
            await foreach (var _ in table.QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: ct).AsPages(pageSizeHint: 1).WithCancellation(ct))
                break;
            queues = HealthRules.PairQueues(await queueInspector.GetDepthsAsync(ct));
        }
        catch (Exception ex) when (!http.RequestAborted.IsCancellationRequested)
        {
            var reason = ex is OperationCanceledException
                ? $"no answer within {StorageTimeout.TotalSeconds:0} s"
                : $"{ex.GetType().Name}: {FirstLine(ex.Message)}";
            logger.LogWarning(ex, "Health: storage unreachable ({Reason}).", reason);
            var storage = new StorageCheck(false, reason);
            var (status, problems) = HealthRules.Decide(storage, [], [], [], FailureSummary.None, failureOptions.Value, time.GetUtcNow());
            return ApiResults.Status(StatusCodes.Status503ServiceUnavailable,
                new HealthReport(status, time.GetUtcNow(), problems, storage, [], [], [], FailureSummary.None));
        }

        var connections = (await connectionStore.ListAsync(ct))
            .Select(c => new ConnectionHealth(c.Id, c.Channel, c.Status, c.StatusReason, c.LastPolledAt, c.Cursor, c.PollProblem))
            .OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
        var accounts = (await accountStore.ListAsync(ct))
            .Select(a => new CarrierAccountHealth(a.Id, a.Carrier, a.Status, a.StatusReason, a.DrainProblem))
            .OrderBy(a => a.Id, StringComparer.Ordinal).ToList();
        var list = await failures.GatherAsync(ct);
        var summary = new FailureSummary(list.Failures.Count, list.Stuck.Count, list.OldestAt);

        var check = new StorageCheck(true, null);
        var now = time.GetUtcNow();
        var (overall, found) = HealthRules.Decide(check, queues, connections, accounts, summary, failureOptions.Value, now);
        return ApiResults.Status(overall == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK,
            new HealthReport(overall, now, found, check, queues, connections, accounts, summary));
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length <= 300 ? line : line[..300] + "…";
    }
}
