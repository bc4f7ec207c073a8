using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Fulfilment.Storage.Tables;

/// <summary>
/// A fixed-window rate gate shared through Table Storage: one row per key and UTC second (RK yyyyMMddHHmmss) counting
/// the permits granted in that second, incremented with ETag-guarded writes so concurrent instances never over-grant.
/// Limits: windows are calendar seconds by each instance's clock, so clock skew between instances can let a window
/// overlap; old window rows are left behind (a few bytes each; a table lifecycle or an occasional purge removes them).
/// </summary>
public sealed class TableRateGate(TableServiceClient service, TimeProvider time) : IDistributedRateGate
{
    private readonly TableClient _table = service.GetTableClient(StorageNames.Tables.RateWindows);

    public async ValueTask WaitAsync(string key, int permitsPerSecond, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permitsPerSecond, 1);
        var partition = TableKeys.Escape(key);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var now = time.GetUtcNow();
            var window = now.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
            var current = await _table.GetEntityIfExistsAsync<TableEntity>(partition, window, cancellationToken: cancellationToken);
            try
            {
                if (!current.HasValue)
                {
                    await _table.AddEntityAsync(new TableEntity(partition, window) { ["Count"] = 1 }, cancellationToken);
                    return;
                }
                var count = current.Value!.GetInt32("Count") ?? 0;
                if (count < permitsPerSecond)
                {
                    current.Value["Count"] = count + 1;
                    await _table.UpdateEntityAsync(current.Value, current.Value.ETag, TableUpdateMode.Replace, cancellationToken);
                    return;
                }
            }
            catch (RequestFailedException ex) when (ex.IsConflict() || ex.IsPreconditionFailed())
            {
                continue; // Another instance wrote first: read the new count and try again.
            }

            // This second is full: wait for the next one.
            var nextWindow = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero).AddSeconds(1);
            await Task.Delay(nextWindow - now, time, cancellationToken);
        }
    }
}
