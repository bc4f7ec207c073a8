using Azure.Data.Tables;

namespace Fulfilment.Storage.Tables;

/// <summary>Filters that read several rows of one partition by key in a few queries.</summary>
internal static class RowKeyFilters
{
    /// <summary>Row keys per filter: Azure allows 15 comparisons in one, and the partition takes one of them.</summary>
    public const int MaxRowKeys = 14;

    /// <summary>One filter per <see cref="MaxRowKeys"/> of the given (already escaped) row keys of the partition.</summary>
    public static IEnumerable<string> AnyOf(string partitionKey, IEnumerable<string> rowKeys) =>
        rowKeys.Distinct(StringComparer.Ordinal).Chunk(MaxRowKeys).Select(chunk =>
            TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}")
            + " and (" + string.Join(" or ", chunk.Select(k => TableClient.CreateQueryFilter($"RowKey eq {k}"))) + ")");
}
