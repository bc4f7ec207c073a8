using Fulfilment.Shipping;

namespace Fulfilment.Storage;

/// <summary>Shipping-method mappings.</summary>
public interface IShippingMappingStore
{
    /// <summary>The connection's own mapping for the method, else the "*" mapping, else null.</summary>
    Task<ShippingMapping?> FindAsync(string connectionId, string shippingMethod, CancellationToken cancellationToken);
    Task<IReadOnlyList<ShippingMapping>> ListAsync(CancellationToken cancellationToken);
    Task UpsertAsync(ShippingMapping mapping, CancellationToken cancellationToken);
    Task<bool> DeleteAsync(string connectionId, string shippingMethod, CancellationToken cancellationToken);
}
