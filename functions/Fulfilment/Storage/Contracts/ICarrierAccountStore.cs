using Fulfilment.Connections;

namespace Fulfilment.Storage;

/// <summary>Carrier accounts and their credentials.</summary>
public interface ICarrierAccountStore
{
    Task<CarrierAccount?> GetAsync(string accountId, CancellationToken cancellationToken);
    Task<IReadOnlyList<CarrierAccount>> ListAsync(CancellationToken cancellationToken);
    /// <summary>Inserts (ETag null: replaces any existing row) or replaces if the ETag matches; sets the new ETag.</summary>
    Task SaveAsync(CarrierAccount account, CancellationToken cancellationToken);
    /// <summary>False when there was no such account.</summary>
    Task<bool> DeleteAsync(string accountId, CancellationToken cancellationToken);
}
