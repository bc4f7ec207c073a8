using System.Text.Json.Serialization;

namespace Fulfilment.Channels.BigCommerce.Dtos;

/// <summary>A v2 order as BigCommerce returns it (only the fields we use). Money and dates stay strings until mapped.</summary>
public sealed class BcOrder
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public string? DateCreated { get; set; }
    public string? DateModified { get; set; }
    public string? DateShipped { get; set; }
    public int StatusId { get; set; }
    public string? Status { get; set; }
    public string? SubtotalIncTax { get; set; }
    public string? ShippingCostIncTax { get; set; }
    public string? TotalIncTax { get; set; }
    /// <summary>The display currency the storefront showed the shopper; not the unit of the amounts.</summary>
    public string? CurrencyCode { get; set; }
    /// <summary>The transactional currency: what the shopper was charged in, and the unit of every amount on the order.</summary>
    public string? DefaultCurrencyCode { get; set; }
    public int ItemsTotal { get; set; }
    public int ItemsShipped { get; set; }
    public bool OrderIsDigital { get; set; }
    public string? PaymentStatus { get; set; }
    public string? CustomerMessage { get; set; }
    public long? ChannelId { get; set; }
    public string? ExternalId { get; set; }
    public BcAddress? BillingAddress { get; set; }
    /// <summary>
    /// With <c>include=consignments.line_items&amp;consignment_structure=object</c>: the order's lines grouped by how they
    /// are fulfilled. Otherwise a <c>{url, resource}</c> link, which leaves every list here null.
    /// </summary>
    public BcOrderConsignments? Consignments { get; set; }
}

/// <summary>An order's consignments (orders.v2 <c>OrderConsignmentGet</c>).</summary>
public sealed class BcOrderConsignments
{
    public List<BcShippingConsignment>? Shipping { get; set; }
    public List<BcLineConsignment>? Pickups { get; set; }
    public List<BcLineConsignment>? Downloads { get; set; }
    public BcEmailConsignments? Email { get; set; }
}

/// <summary>Lines shipped to one address; <c>id</c> is the order_address_id, as on the shipping_addresses resource.</summary>
public sealed class BcShippingConsignment : BcAddress
{
    public long Id { get; set; }
    public int ItemsTotal { get; set; }
    public int ItemsShipped { get; set; }
    public string? ShippingMethod { get; set; }
    public List<BcOrderProduct>? LineItems { get; set; }
}

/// <summary>A pickup, download or gift-certificate consignment: we only read its lines.</summary>
public sealed class BcLineConsignment
{
    public List<BcOrderProduct>? LineItems { get; set; }
}

/// <summary>Consignments delivered by email.</summary>
public sealed class BcEmailConsignments
{
    public List<BcLineConsignment>? GiftCertificates { get; set; }
}

/// <summary>The address fields shared by billing and shipping addresses.</summary>
public class BcAddress
{
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Company { get; set; }
    [JsonPropertyName("street_1")] public string? Street1 { get; set; }
    [JsonPropertyName("street_2")] public string? Street2 { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public string? Zip { get; set; }
    public string? Country { get; set; }
    public string? CountryIso2 { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
}

/// <summary>One of an order's shipping addresses (<c>id</c> is the order_address_id used by shipments).</summary>
public sealed class BcShippingAddress : BcAddress
{
    public long Id { get; set; }
    public long OrderId { get; set; }
    public int ItemsTotal { get; set; }
    public int ItemsShipped { get; set; }
    public string? ShippingMethod { get; set; }
}

/// <summary>An order line (<c>id</c> is the order_product_id used by shipments).</summary>
public sealed class BcOrderProduct
{
    public long Id { get; set; }
    public long OrderId { get; set; }
    public long ProductId { get; set; }
    public long? VariantId { get; set; }
    public long OrderAddressId { get; set; }
    public string? Name { get; set; }
    public string? Sku { get; set; }
    /// <summary>"physical" or "digital" (gift certificates are other types).</summary>
    public string? Type { get; set; }
    public int Quantity { get; set; }
    public int QuantityShipped { get; set; }
    public string? PriceIncTax { get; set; }
    public string? TotalIncTax { get; set; }
    /// <summary>In the store's configured weight unit; the unit is not on the line (see BigCommerceMapper).</summary>
    public string? Weight { get; set; }
}

/// <summary>One of a store's order statuses (GET /v2/order_statuses).</summary>
public sealed class BcOrderStatus
{
    public int Id { get; set; }
    public string? Name { get; set; }
}
