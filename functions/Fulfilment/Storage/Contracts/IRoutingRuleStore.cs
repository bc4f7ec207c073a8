using Fulfilment.Shipping;

namespace Fulfilment.Storage;

/// <summary>Routing rules, one set per trading name.</summary>
public interface IRoutingRuleStore
{
    /// <summary>The set of the trading name (matched without regard to case), or null.</summary>
    Task<RoutingRuleSet?> FindAsync(string tradingName, CancellationToken cancellationToken);
    Task<IReadOnlyList<RoutingRuleSet>> ListAsync(CancellationToken cancellationToken);
    /// <summary>Replaces the trading name's set with this one.</summary>
    Task SaveAsync(RoutingRuleSet rules, CancellationToken cancellationToken);
    Task<bool> DeleteAsync(string tradingName, CancellationToken cancellationToken);
}
