using Azure.Data.Tables;
using Fulfilment.Functions.Http;
using Fulfilment.Orders;
using Fulfilment.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Fulfilment.Functions.Manage;

/// <summary>HTTP GET health: storage, queue and poison-queue depths, connections, carrier accounts, orders by state.</summary>
public sealed class Health(TableServiceClient tables, IQueueInspector queueInspector, IConnectionStore connectionStore,
    ICarrierAccountStore accountStore, IOrderStore orderStore, TimeProvider time, ILogger<Health> logger)
{
    /// <summary>
    /// Order counts come from a scan of at most this many orders. Fine for now; when the table grows, a counter
    /// maintained by the state machine should replace the scan.
    /// </summary>
    public const int MaxOrdersScanned = 5000;

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
            var (status, problems) = HealthRules.Decide(storage, [], [], []);
            return ApiResults.Status(StatusCodes.Status503ServiceUnavailable,
                new HealthReport(status, time.GetUtcNow(), problems, storage, [], [], [], null));
        }

        var connections = (await connectionStore.ListAsync(http.RequestAborted))
            .Select(c => new ConnectionHealth(c.Id, c.Channel, c.Status, c.StatusReason, c.LastPolledAt, c.Cursor))
            .OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
        var accounts = (await accountStore.ListAsync(http.RequestAborted))
            .Select(a => new CarrierAccountHealth(a.Id, a.Carrier, a.Status, a.StatusReason))
            .OrderBy(a => a.Id, StringComparer.Ordinal).ToList();
        var orders = await CountOrdersAsync(orderStore, http.RequestAborted);

        var check = new StorageCheck(true, null);
        var (overall, found) = HealthRules.Decide(check, queues, connections, accounts);
        return ApiResults.Ok(new HealthReport(overall, time.GetUtcNow(), found, check, queues, connections, accounts, orders));
    }

    private static async Task<OrderCounts> CountOrdersAsync(IOrderStore store, CancellationToken cancellationToken)
    {
        // A bounded scan for now (see MaxOrdersScanned): it reads whole orders, so it must stay small.
        var counts = Enum.GetValues<OrderState>().ToDictionary(s => s, _ => 0);
        var scanned = 0;
        await foreach (var order in store.ListAsync(null, null, cancellationToken))
        {
            if (scanned == MaxOrdersScanned)
                return new OrderCounts(counts, scanned, Complete: false);
            counts[order.State]++;
            scanned++;
        }
        return new OrderCounts(counts, scanned, Complete: true);
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length <= 300 ? line : line[..300] + "…";
    }
}
