using System.Collections.Concurrent;
using Fulfilment.Channels.Ecomdash.Dtos;
using Microsoft.Extensions.Options;

namespace Fulfilment.Channels.Ecomdash;

/// <summary>
/// A merchant's carriers and warehouses, remembered for a while (they rarely change, and every call spends the
/// merchant's shared quota), and how our names map onto them.
/// </summary>
public sealed class EcomdashReferenceData(EcomdashClient client, IOptionsMonitor<EcomdashOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, IReadOnlyList<EdCarrier> Items)> _carriers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, IReadOnlyList<EdWarehouse> Items)> _warehouses = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<EdCarrier>> CarriersAsync(EcomdashMerchant merchant, CancellationToken cancellationToken, bool fresh = false)
    {
        if (!fresh && _carriers.TryGetValue(merchant.LimiterKey, out var cached) && time.GetUtcNow() - cached.At < options.CurrentValue.ReferenceDataCacheTime)
            return cached.Items;
        var carriers = await client.GetCarriersAsync(merchant, cancellationToken);
        _carriers[merchant.LimiterKey] = (time.GetUtcNow(), carriers);
        return carriers;
    }

    public async Task<IReadOnlyList<EdWarehouse>> WarehousesAsync(EcomdashMerchant merchant, CancellationToken cancellationToken, bool fresh = false)
    {
        if (!fresh && _warehouses.TryGetValue(merchant.LimiterKey, out var cached) && time.GetUtcNow() - cached.At < options.CurrentValue.ReferenceDataCacheTime)
            return cached.Items;
        var warehouses = await client.GetWarehousesAsync(merchant, cancellationToken);
        _warehouses[merchant.LimiterKey] = (time.GetUtcNow(), warehouses);
        return warehouses;
    }

    /// <summary>
    /// The Ecomdash carrier id for our carrier: the connection's map names an Ecomdash carrier (name or id) for it, or
    /// else a carrier of the same name, ignoring case, spaces and punctuation ("RoyalMail" is "Royal Mail").
    /// </summary>
    public static decimal? CarrierId(IReadOnlyList<EdCarrier> carriers, string ourCarrier, IReadOnlyDictionary<string, string>? map) =>
        Resolve(carriers.Select(c => (c.Id, c.Name)), map?.GetValueOrDefault(ourCarrier) ?? ourCarrier);

    /// <summary>The Ecomdash warehouse id for one of our warehouse codes: by the connection's map, else by name.</summary>
    public static decimal? WarehouseId(IReadOnlyList<EdWarehouse> warehouses, string ourCode, IReadOnlyDictionary<string, string>? map) =>
        Resolve(warehouses.Select(w => (w.Id, w.Name)), map?.GetValueOrDefault(ourCode) ?? ourCode);

    /// <summary>The warehouse that takes a total: the connection's default warehouse setting, else the account's default, else none (Ecomdash picks).</summary>
    public static decimal? DefaultWarehouseId(IReadOnlyList<EdWarehouse> warehouses, string? setting) =>
        setting is { Length: > 0 } named ? Resolve(warehouses.Select(w => (w.Id, w.Name)), named) : warehouses.FirstOrDefault(w => w.IsDefault == true)?.Id;

    private static decimal? Resolve(IEnumerable<(decimal Id, string? Name)> candidates, string wanted)
    {
        var list = candidates.ToList();
        foreach (var candidate in list)
        {
            if (EcomdashIds.Same(candidate.Id, wanted.Trim()))
                return candidate.Id;
        }
        var key = Normalise(wanted);
        var byName = list.Where(c => Normalise(c.Name) == key).ToList();
        return byName.Count == 1 ? byName[0].Id : null;
    }

    private static string Normalise(string? name) => new((name ?? "").Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
}
