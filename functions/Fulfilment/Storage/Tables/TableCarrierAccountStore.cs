using Azure.Data.Tables;
using Fulfilment.Connections;
using Fulfilment.Secrets;

namespace Fulfilment.Storage.Tables;

/// <summary>Carrier accounts: one partition ("carrier-account"), row key the account id; credentials encrypted.</summary>
public sealed class TableCarrierAccountStore : ICarrierAccountStore
{
    private const string Partition = "carrier-account";
    private readonly SinglePartitionTable<CarrierAccount> _rows;
    private readonly SecretProtector _protector;

    public TableCarrierAccountStore(TableServiceClient service, SecretProtector protector)
    {
        _protector = protector;
        _rows = new(service.GetTableClient(StorageNames.Tables.CarrierAccounts), Partition, ToEntity, FromEntity);
    }

    public Task<CarrierAccount?> GetAsync(string accountId, CancellationToken cancellationToken) => _rows.GetAsync(accountId, cancellationToken);

    public Task<IReadOnlyList<CarrierAccount>> ListAsync(CancellationToken cancellationToken) => _rows.ListAsync(cancellationToken);

    public async Task SaveAsync(CarrierAccount account, CancellationToken cancellationToken) =>
        account.ETag = await _rows.SaveAsync(account, account.ETag, $"Carrier account {account.Id}", cancellationToken);

    public Task<bool> DeleteAsync(string accountId, CancellationToken cancellationToken) => _rows.DeleteAsync(accountId, cancellationToken);

    private static string Purpose(string id) => $"{StorageNames.Tables.CarrierAccounts}/{id}";

    private TableEntity ToEntity(CarrierAccount a)
    {
        var entity = new TableEntity(Partition, TableKeys.Escape(a.Id))
        {
            ["Id"] = a.Id,
            ["Carrier"] = a.Carrier,
            ["TradingName"] = a.TradingName,
            ["Status"] = a.Status.ToString(),
            ["StatusReason"] = a.StatusReason,
            ["DrainProblem"] = a.DrainProblem,
            ["DrainProblemAt"] = a.DrainProblemAt,
        };
        SecretColumn.WriteSettings(entity, a.Settings);
        SecretColumn.Write(entity, _protector, Purpose(a.Id), a.Credentials);
        return entity;
    }

    private CarrierAccount FromEntity(TableEntity e)
    {
        var id = e.GetString("Id") ?? TableKeys.Unescape(e.RowKey);
        return new CarrierAccount
        {
            Id = id,
            Carrier = e.GetString("Carrier") ?? "",
            TradingName = e.GetString("TradingName"),
            Settings = SecretColumn.ReadSettings(e),
            Credentials = SecretColumn.Read(e, _protector, Purpose(id)),
            Status = Enum.TryParse<CarrierAccountStatus>(e.GetString("Status"), out var status) ? status : CarrierAccountStatus.Active,
            StatusReason = e.GetString("StatusReason"),
            DrainProblem = e.GetString("DrainProblem"),
            DrainProblemAt = e.GetDateTimeOffset("DrainProblemAt"),
            ETag = e.ETag.ToString(),
        };
    }
}
