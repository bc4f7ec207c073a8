using Fulfilment.Connections;
using Microsoft.Extensions.Options;

namespace Fulfilment.Channels.Ekm;

/// <summary>Looks a SKU up among the store's products, for its weight (EKM order lines carry none).</summary>
public sealed class EkmProducts(EkmClient client, EkmSession session, IOptions<EkmOptions> options) : IChannelProducts
{
    public string Channel => EkmChannel.ChannelName;

    public async Task<IReadOnlyList<ChannelProduct>> FindBySkuAsync(ChannelConnection connection, string sku, CancellationToken cancellationToken)
    {
        var products = await session.CallAsync(connection, shop => client.FindProductsBySkuAsync(shop, sku, cancellationToken), cancellationToken);
        return products.Select(p => EkmMapper.ToChannelProduct(p, options.Value.ProductWeightUnitGrams)).ToList();
    }
}
