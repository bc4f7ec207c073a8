using Azure.Data.Tables;
using Fulfilment.Connections;

namespace Fulfilment.Storage.Tables;

/// <summary>Carrier accounts: one partition ("carrier-account"), row key the account id.</summary>
public sealed class TableCarrierAccountStore(TableServiceClient service) : ICarrierAccountStore
{
    private const string Partition = "carrier-account";
    private readonly SinglePartitionTable<CarrierAccount> _rows = new(service.GetTableClient(StorageNames.Tables.CarrierAccounts), Partition, ToEntity, FromEntity);

    public Task<CarrierAccount?> GetAsync(string accountId, CancellationToken cancellationToken) => _rows.GetAsync(accountId, cancellationToken);

    public Task<IReadOnlyList<CarrierAccount>> ListAsync(CancellationToken cancellationToken) => _rows.ListAsync(cancellationToken);

    public async Task SaveAsync(CarrierAccount account, CancellationToken cancellationToken) =>
        account.ETag = await _rows.SaveAsync(account, account.ETag, $"Carrier account {account.Id}", cancellationToken);

    private static TableEntity ToEntity(CarrierAccount a) => new(Partition, TableKeys.Escape(a.Id))
    {
        ["Id"] = a.Id,
        ["Carrier"] = a.Carrier,
        ["Credential"] = a.Credential,
        ["IsOnlineBusinessAccount"] = a.IsOnlineBusinessAccount,
        ["TradingName"] = a.TradingName,
        ["Status"] = a.Status.ToString(),
        ["StatusReason"] = a.StatusReason,
    };

    private static CarrierAccount FromEntity(TableEntity e) => new()
    {
        Id = e.GetString("Id") ?? TableKeys.Unescape(e.RowKey),
        Carrier = e.GetString("Carrier") ?? "",
        Credential = e.GetString("Credential") ?? "",
        IsOnlineBusinessAccount = e.GetBoolean("IsOnlineBusinessAccount") ?? false,
        TradingName = e.GetString("TradingName"),
        Status = Enum.TryParse<CarrierAccountStatus>(e.GetString("Status"), out var status) ? status : CarrierAccountStatus.Active,
        StatusReason = e.GetString("StatusReason"),
        ETag = e.ETag.ToString(),
    };
}
