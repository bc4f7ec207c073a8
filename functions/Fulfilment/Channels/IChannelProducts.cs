using Fulfilment.Connections;

namespace Fulfilment.Channels;

/// <summary>A product as a channel lists it, for a SKU our catalogue does not have yet.</summary>
/// <param name="WeightGrams">The channel's weight in grams, if it has one; kept unconfirmed until a person confirms it.</param>
public sealed record ChannelProduct(string ProductId, string Sku, string? Name, decimal? WeightGrams, string? Gtin);

/// <summary>A channel whose products can be looked up by SKU (EKM order lines carry no weight).</summary>
public interface IChannelProducts
{
    string Channel { get; }

    /// <summary>Every product of the store with this SKU (several means the store is ambiguous, and we do not guess).</summary>
    Task<IReadOnlyList<ChannelProduct>> FindBySkuAsync(ChannelConnection connection, string sku, CancellationToken cancellationToken);
}
