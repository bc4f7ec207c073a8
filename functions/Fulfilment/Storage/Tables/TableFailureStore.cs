using Azure;
using Azure.Data.Tables;
using Fulfilment.Failures;

namespace Fulfilment.Storage.Tables;

/// <summary>
/// Failures in one partition ("failure"), row key the failure id. Few rows by design (each is a problem someone must
/// look at), so listing them all is cheap. A payload longer than one column is split across columns.
/// </summary>
public sealed class TableFailureStore(TableServiceClient service) : IFailureStore
{
    private const string Partition = "failure";
    private readonly TableClient _table = service.GetTableClient(StorageNames.Tables.Failures);

    public async Task RecordAsync(Failure failure, CancellationToken cancellationToken)
    {
        var existing = await GetAsync(failure.Id, cancellationToken);
        var entity = ToEntity(existing is null ? failure : failure with { FirstSeenAt = existing.FirstSeenAt });
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<Failure?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Escape(id), cancellationToken: cancellationToken);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    public async Task<IReadOnlyList<Failure>> ListAsync(int max, CancellationToken cancellationToken)
    {
        var result = new List<Failure>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken))
            result.Add(FromEntity(entity));
        return result.OrderBy(f => f.FirstSeenAt).Take(max).ToList();
    }

    public async Task<bool> RemoveAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            await _table.DeleteEntityAsync(Partition, TableKeys.Escape(id), ETag.All, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.IsNotFound())
        {
            return false;
        }
    }

    private static TableEntity ToEntity(Failure f)
    {
        var entity = new TableEntity(Partition, TableKeys.Escape(f.Id))
        {
            ["Id"] = f.Id,
            ["Kind"] = f.Kind.ToString(),
            ["Subject"] = f.Subject,
            ["Cause"] = f.Cause.Length <= 4000 ? f.Cause : f.Cause[..4000] + "…",
            ["FirstSeenAt"] = f.FirstSeenAt,
            ["LastSeenAt"] = f.LastSeenAt == default ? f.FirstSeenAt : f.LastSeenAt,
        };
        if (f.Payload is not null)
            TextColumns.Write(entity, "Payload", f.Payload);
        return entity;
    }

    private static Failure FromEntity(TableEntity e) => new()
    {
        Id = e.GetString("Id") ?? TableKeys.Unescape(e.RowKey),
        Kind = Enum.TryParse<FailureKind>(e.GetString("Kind"), out var kind) ? kind : FailureKind.PoisonMessage,
        Subject = e.GetString("Subject") ?? "",
        Cause = e.GetString("Cause") ?? "",
        FirstSeenAt = e.GetDateTimeOffset("FirstSeenAt") ?? default,
        LastSeenAt = e.GetDateTimeOffset("LastSeenAt") ?? default,
        Payload = TextColumns.Read(e, "Payload"),
    };
}
