namespace Fulfilment.Catalogue;

/// <summary>
/// Told after products were stored (an import through the management API), so what depends on the catalogue (stock
/// and prices pushed to channels) can follow the change without waiting for its timer.
/// </summary>
public interface ICatalogueChangeListener
{
    /// <summary>Called once per import that stored at least one product; must be quick (queue work, do not do it).</summary>
    Task CatalogueChangedAsync(CancellationToken cancellationToken);
}
