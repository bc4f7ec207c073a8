using Azure.Data.Tables;
using Fulfilment.Connections;

namespace Fulfilment.Storage.Tables;

/// <summary>Channel connections: one partition ("connection"), row key the connection id.</summary>
public sealed class TableConnectionStore(TableServiceClient service) : IConnectionStore
{
    private const string Partition = "connection";
    private readonly SinglePartitionTable<ChannelConnection> _rows = new(service.GetTableClient(StorageNames.Tables.Connections), Partition, ToEntity, FromEntity);

    public Task<ChannelConnection?> GetAsync(string connectionId, CancellationToken cancellationToken) => _rows.GetAsync(connectionId, cancellationToken);

    public Task<IReadOnlyList<ChannelConnection>> ListAsync(CancellationToken cancellationToken) => _rows.ListAsync(cancellationToken);

    public async Task SaveAsync(ChannelConnection connection, CancellationToken cancellationToken) =>
        connection.ETag = await _rows.SaveAsync(connection, connection.ETag, $"Connection {connection.Id}", cancellationToken);

    private static TableEntity ToEntity(ChannelConnection c) => new(Partition, TableKeys.Escape(c.Id))
    {
        ["Id"] = c.Id,
        ["Channel"] = c.Channel,
        ["StoreId"] = c.StoreId,
        ["TradingName"] = c.TradingName,
        ["Status"] = c.Status.ToString(),
        ["StatusReason"] = c.StatusReason,
        ["ImportStatus"] = c.ImportStatus,
        ["MaxOrderAgeDays"] = c.MaxOrderAgeDays,
        ["MarkDespatchedOnChannel"] = c.MarkDespatchedOnChannel,
        ["Cursor"] = c.Cursor,
        ["LastPolledAt"] = c.LastPolledAt,
        ["Credential"] = c.Credential,
        ["Scopes"] = c.Scopes,
        ["CreatedAt"] = c.CreatedAt,
    };

    private static ChannelConnection FromEntity(TableEntity e) => new()
    {
        Id = e.GetString("Id") ?? TableKeys.Unescape(e.RowKey),
        Channel = e.GetString("Channel") ?? "",
        StoreId = e.GetString("StoreId") ?? "",
        TradingName = e.GetString("TradingName"),
        Status = Enum.TryParse<ConnectionStatus>(e.GetString("Status"), out var status) ? status : ConnectionStatus.Active,
        StatusReason = e.GetString("StatusReason"),
        ImportStatus = e.GetString("ImportStatus"),
        MaxOrderAgeDays = e.GetInt32("MaxOrderAgeDays") ?? 7,
        MarkDespatchedOnChannel = e.GetBoolean("MarkDespatchedOnChannel") ?? true,
        Cursor = e.GetDateTimeOffset("Cursor"),
        LastPolledAt = e.GetDateTimeOffset("LastPolledAt"),
        Credential = e.GetString("Credential"),
        Scopes = e.GetString("Scopes"),
        CreatedAt = e.GetDateTimeOffset("CreatedAt") ?? default,
        ETag = e.ETag.ToString(),
    };
}
