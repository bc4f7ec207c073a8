namespace Fulfilment.Orders;

/// <summary>
/// An order as a channel hands it to us, already in our vocabulary (each channel maps its own payload into this once).
/// It is a snapshot: stored with the order at import and never re-read from the channel.
/// </summary>
public sealed record ChannelOrder
{
    public required string ChannelOrderId { get; init; }
    /// <summary>The number the merchant and customer see, when it differs from the id.</summary>
    public string? OrderNumber { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset ModifiedAt { get; init; }
    /// <summary>The channel's status label, for display only; filtering by status is done by the channel.</summary>
    public required string ChannelStatus { get; init; }
    public required string Currency { get; init; }
    public decimal Subtotal { get; init; }
    public decimal ShippingCost { get; init; }
    public decimal Total { get; init; }
    public Address? ShippingAddress { get; init; }
    /// <summary>The channel's id of the shipping address, needed to write a shipment back (BigCommerce order_address_id).</summary>
    public string? ShippingAddressId { get; init; }
    /// <summary>The shipping method the customer chose, as the channel names it; mapped to a carrier service by our mappings.</summary>
    public required string ShippingMethod { get; init; }
    public required IReadOnlyList<ChannelOrderLine> Lines { get; init; }
    public string? CustomerNote { get; init; }
    /// <summary>The customer pays on delivery (channels set this from their payment method); the carrier then collects the total.</summary>
    public bool CashOnDelivery { get; init; }
    /// <summary>Set by a channel when it sees the order cannot be shipped automatically (for example several shipping addresses).</summary>
    public string? ImportProblem { get; init; }

    /// <summary>True for a stand-in recorded when the channel's order could not be read; normalising reads it again.</summary>
    public bool IsStandIn { get; init; }

    /// <summary>
    /// What we record of an order the channel listed but we could not read or map, so it is not lost: it waits as
    /// NeedsAttention with the reason, and a replay reads it from the channel again.
    /// </summary>
    public static ChannelOrder StandIn(string channelOrderId, DateTimeOffset modifiedAt, string problem) => new()
    {
        ChannelOrderId = channelOrderId,
        CreatedAt = modifiedAt,
        ModifiedAt = modifiedAt,
        ChannelStatus = "",
        Currency = "",
        ShippingMethod = "",
        Lines = [],
        ImportProblem = problem,
        IsStandIn = true,
    };
}

/// <summary>One line of a channel order.</summary>
public sealed record ChannelOrderLine
{
    /// <summary>The channel's id of this line, needed for write-back (BigCommerce order_product_id).</summary>
    public required string LineId { get; init; }
    public string? Sku { get; init; }
    public required string Name { get; init; }
    public required int Quantity { get; init; }
    public decimal UnitPrice { get; init; }
    /// <summary>False for digital goods, gift certificates and the like: they never ship.</summary>
    public required bool IsPhysical { get; init; }
    /// <summary>The weight the channel reports. Not trusted on its own: the catalogue's weight wins.</summary>
    public decimal? ChannelWeightGrams { get; init; }
}
