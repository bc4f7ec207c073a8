using Azure.Data.Tables;
using Fulfilment.Connections;
using Fulfilment.Secrets;

namespace Fulfilment.Storage.Tables;

/// <summary>Channel connections: one partition ("connection"), row key the connection id; credentials encrypted.</summary>
public sealed class TableConnectionStore : IConnectionStore
{
    private const string Partition = "connection";
    private readonly SinglePartitionTable<ChannelConnection> _rows;
    private readonly SecretProtector _protector;

    public TableConnectionStore(TableServiceClient service, SecretProtector protector)
    {
        _protector = protector;
        _rows = new(service.GetTableClient(StorageNames.Tables.Connections), Partition, ToEntity, FromEntity);
    }

    public Task<ChannelConnection?> GetAsync(string connectionId, CancellationToken cancellationToken) => _rows.GetAsync(connectionId, cancellationToken);

    public Task<IReadOnlyList<ChannelConnection>> ListAsync(CancellationToken cancellationToken) => _rows.ListAsync(cancellationToken);

    public async Task SaveAsync(ChannelConnection connection, CancellationToken cancellationToken) =>
        connection.ETag = await _rows.SaveAsync(connection, connection.ETag, $"Connection {connection.Id}", cancellationToken);

    private static string Purpose(string id) => $"{StorageNames.Tables.Connections}/{id}";

    private TableEntity ToEntity(ChannelConnection c)
    {
        var entity = new TableEntity(Partition, TableKeys.Escape(c.Id))
        {
            ["Id"] = c.Id,
            ["Channel"] = c.Channel,
            ["StoreId"] = c.StoreId,
            ["TradingName"] = c.TradingName,
            ["Status"] = c.Status.ToString(),
            ["StatusReason"] = c.StatusReason,
            ["ApprovedAt"] = c.ApprovedAt,
            ["InstalledAt"] = c.InstalledAt,
            ["ImportStatus"] = c.ImportStatus,
            ["MaxOrderAgeDays"] = c.MaxOrderAgeDays,
            ["MarkDespatchedOnChannel"] = c.MarkDespatchedOnChannel,
            ["Cursor"] = c.Cursor,
            ["LastPolledAt"] = c.LastPolledAt,
            ["PollProblem"] = c.PollProblem,
            ["Scopes"] = c.Scopes,
            ["CreatedAt"] = c.CreatedAt,
        };
        SecretColumn.WriteSettings(entity, c.Settings);
        SecretColumn.Write(entity, _protector, Purpose(c.Id), c.Credentials);
        return entity;
    }

    private ChannelConnection FromEntity(TableEntity e)
    {
        var id = e.GetString("Id") ?? TableKeys.Unescape(e.RowKey);
        return new ChannelConnection
        {
            Id = id,
            Channel = e.GetString("Channel") ?? "",
            StoreId = e.GetString("StoreId") ?? "",
            TradingName = e.GetString("TradingName"),
            Status = Enum.TryParse<ConnectionStatus>(e.GetString("Status"), out var status) ? status : ConnectionStatus.Active,
            StatusReason = e.GetString("StatusReason"),
            ApprovedAt = e.GetDateTimeOffset("ApprovedAt"),
            InstalledAt = e.GetDateTimeOffset("InstalledAt"),
            ImportStatus = e.GetString("ImportStatus"),
            MaxOrderAgeDays = e.GetInt32("MaxOrderAgeDays") ?? 7,
            MarkDespatchedOnChannel = e.GetBoolean("MarkDespatchedOnChannel") ?? true,
            Settings = SecretColumn.ReadSettings(e),
            Credentials = SecretColumn.Read(e, _protector, Purpose(id)),
            Cursor = e.GetDateTimeOffset("Cursor"),
            LastPolledAt = e.GetDateTimeOffset("LastPolledAt"),
            PollProblem = e.GetString("PollProblem"),
            Scopes = e.GetString("Scopes"),
            CreatedAt = e.GetDateTimeOffset("CreatedAt") ?? default,
            ETag = e.ETag.ToString(),
        };
    }
}
