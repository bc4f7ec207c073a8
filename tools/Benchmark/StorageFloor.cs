using System.Collections.Concurrent;
using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace Benchmark;

/// <summary>What the floor run did: orders, time taken, and operations by kind.</summary>
public sealed record FloorResult(int Orders, TimeSpan Elapsed, IReadOnlyDictionary<string, long> Operations)
{
    public double OrdersPerSecond => Orders / Elapsed.TotalSeconds;
    /// <summary>Empty queue gets are left out: they depend on how workers poll, not on the order.</summary>
    public double OperationsPerOrder => Operations.Where(o => !o.Key.Contains("empty", StringComparison.Ordinal)).Sum(o => o.Value) / (double)Orders;
}

/// <summary>
/// The storage floor: the fewest queue and table operations one order needs end to end in this design (state in Table
/// Storage, work on queues, one message per order per queue-driven step, carrier and sync steps batched per 100 orders
/// as Click &amp; Drop and the status lookups allow), done raw with the storage SDKs against the same Azurite, with no
/// partner call and no business logic. Whatever the pipeline does beyond this is its own cost.
/// </summary>
public static class StorageFloor
{
    /// <summary>Orders per connection partition: the carrier batch (≤ 100 per Click &amp; Drop create, ≤ 100 actions per table batch).</summary>
    public const int PartitionSize = 100;
    /// <summary>A channel's page (BigCommerce: 50), inserted as one table batch.</summary>
    public const int PageSize = 50;
    /// <summary>Messages per queue get (the most a get returns).</summary>
    public const int ReceiveBatch = 32;

    /// <summary>The list, in order, as the README gives it: step, operation, count per order, why it cannot be avoided.</summary>
    public static readonly IReadOnlyList<(string Step, string Operation, string PerOrder, string Why)> Steps =
    [
        ("poll", "table batch insert of the page's new orders", "1/50", "the order must be recorded once (dedup key) before anything else"),
        ("poll", "queue put order-normalise", "1", "one unit of work per order; queues have no batch put"),
        ("normalise", "queue get", "1/32", "the host receives up to 32 messages per get"),
        ("normalise", "table point read: the order", "1", "the message carries ids, the state lives in the table"),
        ("normalise", "table point read: the product by SKU", "1", "our catalogue gives weight and customs data"),
        ("normalise", "table point read: the shipping mapping", "1", "method → carrier, service, package format"),
        ("normalise", "table merge: order Normalised (ETag)", "1", "the state transition, guarded"),
        ("normalise", "queue delete", "1", "the message is done"),
        ("create", "table query: the account's ready orders", "1/100", "one create call carries 100 orders"),
        ("create", "table batch: orders ShipmentRequested", "1/100", "marked before sending, for exactly-once"),
        ("create", "table batch: orders ShipmentCreated + carrier id", "1/100", "the carrier's answer recorded"),
        ("sync", "table query: open shipments", "1/100", "one status lookup covers 100 orders"),
        ("sync", "table batch: orders Despatched", "1/100", "despatch recorded"),
        ("sync", "queue put despatch-writeback", "1", "one write-back per order"),
        ("write-back", "queue get", "1/32", ""),
        ("write-back", "table point read: the order", "1", "tracking number and channel ids"),
        ("write-back", "table merge: order WrittenBack (ETag)", "1", "the final transition"),
        ("write-back", "queue delete", "1", ""),
    ];

    public static async Task<FloorResult> RunAsync(string connectionString, int orders, int parallelism, CancellationToken cancellationToken)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var tables = new TableServiceClient(connectionString);
        var queues = new QueueServiceClient(connectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var orderTable = tables.GetTableClient("floororders" + suffix);
        var productTable = tables.GetTableClient("floorproducts" + suffix);
        var mappingTable = tables.GetTableClient("floormappings" + suffix);
        var normaliseQueue = queues.GetQueueClient("floor-normalise-" + suffix);
        var writeBackQueue = queues.GetQueueClient("floor-writeback-" + suffix);
        foreach (var table in new[] { orderTable, productTable, mappingTable })
            await table.CreateIfNotExistsAsync(cancellationToken);
        await normaliseQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await writeBackQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        string[] skus = ["MUG-BLUE", "TEE-M-BLK", "POSTER-A2", "NOTEBOOK-A5", "CANDLE-SOY"];
        foreach (var sku in skus)
            await productTable.UpsertEntityAsync(new TableEntity("products", sku) { ["WeightGrams"] = 300, ["Customs"] = "Enamel mug;7323940010;GB" }, cancellationToken: cancellationToken);
        await mappingTable.UpsertEntityAsync(new TableEntity("*", "Royal Mail Tracked 24") { ["Carrier"] = "ClickAndDrop", ["Service"] = "TRM24" }, cancellationToken: cancellationToken);

        var counts = new ConcurrentDictionary<string, long>();
        void Count(string kind, long n = 1) => counts.AddOrUpdate(kind, n, (_, c) => c + n);
        // About the size of a stored canonical order: addresses, lines, history.
        var payload = new string('x', 2048);
        var partitions = Enumerable.Range(0, orders).GroupBy(i => $"conn{i / PartitionSize}").ToList();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken };
        var clock = Stopwatch.StartNew();

        // Poll: pages of 50 new orders, one batch each, then one message per order.
        var pages = partitions.SelectMany(p => p.Chunk(PageSize).Select(page => (Partition: p.Key, Page: page))).ToList();
        await Parallel.ForEachAsync(pages, parallel, async (page, ct) =>
        {
            await orderTable.SubmitTransactionAsync(page.Page.Select(i => new TableTransactionAction(TableTransactionActionType.Add,
                new TableEntity(page.Partition, i.ToString("D8")) { ["State"] = "Imported", ["Sku"] = skus[i % skus.Length], ["Order"] = payload })), ct);
            Count("table batch");
            foreach (var i in page.Page)
            {
                await normaliseQueue.SendMessageAsync($"{{\"c\":\"{page.Partition}\",\"o\":\"{i:D8}\"}}", ct);
                Count("queue put");
            }
        });

        // Normalise: one message per order.
        await DrainAsync(normaliseQueue, orders, parallelism, Count, async (message, ct) =>
        {
            var (partition, row) = Ids(message);
            var order = (await orderTable.GetEntityAsync<TableEntity>(partition, row, cancellationToken: ct)).Value;
            Count("table point read");
            await productTable.GetEntityAsync<TableEntity>("products", order.GetString("Sku"), cancellationToken: ct);
            Count("table point read");
            await mappingTable.GetEntityAsync<TableEntity>("*", "Royal Mail Tracked 24", cancellationToken: ct);
            Count("table point read");
            await orderTable.UpdateEntityAsync(new TableEntity(partition, row) { ["State"] = "Normalised", ["Service"] = "TRM24" }, order.ETag, TableUpdateMode.Merge, ct);
            Count("table merge");
        }, cancellationToken);

        // Create and sync: per account partition of up to 100 orders, one query and one batch per transition.
        await Parallel.ForEachAsync(partitions, parallel, async (partition, ct) =>
        {
            var ready = await QueryAsync(orderTable, partition.Key, "Normalised", Count, ct);
            await MergeAllAsync(orderTable, ready, e => e["State"] = "ShipmentRequested", Count, ct);
            ready = ready.Select(e => new TableEntity(e.PartitionKey, e.RowKey) { ETag = ETag.All }).ToList();
            await MergeAllAsync(orderTable, ready, e => { e["State"] = "ShipmentCreated"; e["CarrierOrderId"] = e.RowKey; }, Count, ct);

            var open = await QueryAsync(orderTable, partition.Key, "ShipmentCreated", Count, ct);
            await MergeAllAsync(orderTable, open, e => { e["State"] = "Despatched"; e["Tracking"] = "TT" + e.RowKey + "GB"; }, Count, ct);
            foreach (var order in open)
            {
                await writeBackQueue.SendMessageAsync($"{{\"c\":\"{order.PartitionKey}\",\"o\":\"{order.RowKey}\"}}", ct);
                Count("queue put");
            }
        });

        // Write-back: one message per order.
        await DrainAsync(writeBackQueue, orders, parallelism, Count, async (message, ct) =>
        {
            var (partition, row) = Ids(message);
            var order = (await orderTable.GetEntityAsync<TableEntity>(partition, row, cancellationToken: ct)).Value;
            Count("table point read");
            await orderTable.UpdateEntityAsync(new TableEntity(partition, row) { ["State"] = "WrittenBack" }, order.ETag, TableUpdateMode.Merge, ct);
            Count("table merge");
        }, cancellationToken);
        clock.Stop();

        foreach (var table in new[] { orderTable, productTable, mappingTable })
            await table.DeleteAsync(CancellationToken.None);
        await normaliseQueue.DeleteAsync(CancellationToken.None);
        await writeBackQueue.DeleteAsync(CancellationToken.None);
        return new FloorResult(orders, clock.Elapsed, new Dictionary<string, long>(counts));
    }

    private static (string Partition, string Row) Ids(string message)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(message);
        return (doc.RootElement.GetProperty("c").GetString()!, doc.RootElement.GetProperty("o").GetString()!);
    }

    private static async Task<List<TableEntity>> QueryAsync(TableClient table, string partition, string state, Action<string, long> count, CancellationToken ct)
    {
        var found = new List<TableEntity>();
        await foreach (var page in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition} and State eq {state}"), cancellationToken: ct).AsPages())
        {
            count("table query", 1);
            found.AddRange(page.Values);
        }
        return found;
    }

    private static async Task MergeAllAsync(TableClient table, IReadOnlyList<TableEntity> entities, Action<TableEntity> change, Action<string, long> count, CancellationToken ct)
    {
        if (entities.Count == 0)
            return;
        var actions = entities.Select(e =>
        {
            var updated = new TableEntity(e.PartitionKey, e.RowKey);
            change(updated);
            return new TableTransactionAction(TableTransactionActionType.UpdateMerge, updated, e.ETag);
        });
        await table.SubmitTransactionAsync(actions, ct);
        count("table batch", 1);
    }

    /// <summary>Workers receive up to 32 messages per get, handle each, and delete it, until <paramref name="expected"/> were handled.</summary>
    private static async Task DrainAsync(QueueClient queue, int expected, int parallelism, Action<string, long> count,
        Func<string, CancellationToken, Task> handle, CancellationToken cancellationToken)
    {
        var handled = 0;
        var workers = Enumerable.Range(0, parallelism).Select(async _ =>
        {
            while (Volatile.Read(ref handled) < expected)
            {
                var messages = (await queue.ReceiveMessagesAsync(ReceiveBatch, TimeSpan.FromMinutes(5), cancellationToken)).Value;
                count(messages.Length > 0 ? "queue get" : "queue get (empty)", 1);
                if (messages.Length == 0)
                {
                    await Task.Delay(20, cancellationToken);
                    continue;
                }
                foreach (var message in messages)
                {
                    await handle(message.MessageText, cancellationToken);
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                    count("queue delete", 1);
                    Interlocked.Increment(ref handled);
                }
            }
        });
        await Task.WhenAll(workers);
    }
}
