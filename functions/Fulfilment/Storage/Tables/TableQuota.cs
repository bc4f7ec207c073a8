using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Fulfilment.Storage.Tables;

/// <summary>
/// A sliding-window quota shared through Table Storage: one row per key (in the RateWindows table, row "quota") holds
/// the grant times still inside the window and a pause set from a partner's Retry-After. Every grant is an ETag-guarded
/// write of that row, so instances never over-grant between them. Clock skew between instances shifts the window by the skew.
/// </summary>
public sealed class TableQuota(TableServiceClient service, TimeProvider time) : IDistributedQuota
{
    private const string Row = "quota";
    private readonly TableClient _table = service.GetTableClient(StorageNames.Tables.RateWindows);

    public async ValueTask<DateTimeOffset> WaitAsync(string key, int permits, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permits, 1);
        var partition = TableKeys.Escape(key);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var stored = await _table.GetEntityIfExistsAsync<TableEntity>(partition, Row, cancellationToken: cancellationToken);
            var now = time.GetUtcNow();
            var row = stored.HasValue ? stored.Value! : null;
            if (row?.GetDateTimeOffset("PausedUntil") is { } paused && paused > now)
            {
                await Task.Delay(paused - now, time, cancellationToken);
                continue;
            }
            var recent = Grants(row, now - window);
            if (recent.Count >= permits)
            {
                // Full: wait until the grant that makes room leaves the window.
                var wait = recent[^permits] + window - now;
                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1), time, cancellationToken);
                continue;
            }
            recent.Add(now);
            var updated = new TableEntity(partition, Row) { ["Grants"] = Join(recent) };
            if (row?.GetDateTimeOffset("PausedUntil") is { } pausedBefore)
                updated["PausedUntil"] = pausedBefore;
            if (await TryWriteAsync(updated, row, cancellationToken))
                return now;
        }
    }

    public async Task PauseUntilAsync(string key, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var partition = TableKeys.Escape(key);
        while (true)
        {
            var stored = await _table.GetEntityIfExistsAsync<TableEntity>(partition, Row, cancellationToken: cancellationToken);
            var row = stored.HasValue ? stored.Value! : null;
            if (row?.GetDateTimeOffset("PausedUntil") is { } paused && paused >= until)
                return;
            var updated = new TableEntity(partition, Row) { ["Grants"] = row?.GetString("Grants") ?? "", ["PausedUntil"] = until };
            if (await TryWriteAsync(updated, row, cancellationToken))
                return;
        }
    }

    /// <summary>False when another instance wrote the row meanwhile: read it again and decide again.</summary>
    private async Task<bool> TryWriteAsync(TableEntity updated, TableEntity? read, CancellationToken cancellationToken)
    {
        try
        {
            if (read is null)
                await _table.AddEntityAsync(updated, cancellationToken);
            else
                await _table.UpdateEntityAsync(updated, read.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.IsConflict() || ex.IsPreconditionFailed() || ex.IsNotFound())
        {
            return false;
        }
    }

    private static List<DateTimeOffset> Grants(TableEntity? row, DateTimeOffset after) =>
        (row?.GetString("Grants") ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(t => long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks) ? new DateTimeOffset(ticks, TimeSpan.Zero) : DateTimeOffset.MinValue)
            .Where(t => t > after)
            .Order()
            .ToList();

    private static string Join(IEnumerable<DateTimeOffset> grants) =>
        string.Join(',', grants.Select(t => t.UtcTicks.ToString(CultureInfo.InvariantCulture)));
}
