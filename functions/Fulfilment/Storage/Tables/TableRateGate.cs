using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Fulfilment.Storage.Tables;

/// <summary>
/// A sliding-window rate gate shared through Table Storage: one row per key holds the times of the latest grants, and
/// a permit is granted only if fewer than the limit fall within the last second (plus a small margin for jitter on the
/// way to the partner). Every grant is an ETag-guarded write of that one row, so concurrent instances are serialised
/// and never over-grant, in any rolling second, not just per calendar second.
/// Limit: instances compare their own clocks, so clock skew between them shifts the window by the skew.
/// </summary>
public sealed class TableRateGate(TableServiceClient service, TimeProvider time) : IDistributedRateGate
{
    /// <summary>A second, plus room for requests granted a second apart to arrive a little closer together.</summary>
    internal static readonly TimeSpan Window = TimeSpan.FromMilliseconds(1050);
    private const string Row = "grants";
    private readonly TableClient _table = service.GetTableClient(StorageNames.Tables.RateWindows);

    public async ValueTask<DateTimeOffset> WaitAsync(string key, int permitsPerSecond, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permitsPerSecond, 1);
        var partition = TableKeys.Escape(key);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var stored = await _table.GetEntityIfExistsAsync<TableEntity>(partition, Row, cancellationToken: cancellationToken);
            var now = time.GetUtcNow();
            var recent = stored.HasValue ? RecentGrants(stored.Value!, now) : [];
            if (recent.Count >= permitsPerSecond)
            {
                // Full: the oldest grant in the window leaves it first.
                var wait = recent[^permitsPerSecond] + Window - now;
                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1), time, cancellationToken);
                continue;
            }

            recent.Add(now);
            var row = new TableEntity(partition, Row) { ["Grants"] = string.Join(',', recent.Select(t => t.UtcTicks.ToString(CultureInfo.InvariantCulture))) };
            try
            {
                if (stored.HasValue)
                    await _table.UpdateEntityAsync(row, stored.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                else
                    await _table.AddEntityAsync(row, cancellationToken);
                return now;
            }
            catch (RequestFailedException ex) when (ex.IsConflict() || ex.IsPreconditionFailed())
            {
                // Another instance was granted meanwhile: read its grant and decide again.
            }
        }
    }

    /// <summary>Grant times still inside the window, oldest first.</summary>
    private static List<DateTimeOffset> RecentGrants(TableEntity row, DateTimeOffset now) =>
        (row.GetString("Grants") ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(t => long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks) ? new DateTimeOffset(ticks, TimeSpan.Zero) : DateTimeOffset.MinValue)
            .Where(t => t > now - Window)
            .Order()
            .ToList();
}
