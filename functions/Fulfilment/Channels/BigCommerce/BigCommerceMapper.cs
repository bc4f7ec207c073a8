using System.Globalization;
using Fulfilment.Channels.BigCommerce.Dtos;
using Fulfilment.Orders;

namespace Fulfilment.Channels.BigCommerce;

/// <summary>The weight unit a store is configured with (Settings &gt; Display); order lines do not carry it.</summary>
public enum BigCommerceWeightUnit
{
    Unknown,
    Grams,
    Kilograms,
    Ounces,
    Pounds,
}

/// <summary>Maps BigCommerce v2 payloads to our <see cref="ChannelOrder"/>. Pure: no I/O, no clock.</summary>
public static class BigCommerceMapper
{
    /// <summary>
    /// Maps an order with its lines and shipping addresses. The line weight's unit is store-configured and not on the
    /// payload (UNCONFIRMED which unit a given store uses), so <see cref="ChannelOrderLine.ChannelWeightGrams"/> is only
    /// filled when the caller knows the store's unit; with <see cref="BigCommerceWeightUnit.Unknown"/> it stays null and
    /// the catalogue's weight is used.
    /// </summary>
    public static ChannelOrder ToChannelOrder(
        BcOrder order,
        IReadOnlyList<BcOrderProduct> products,
        IReadOnlyList<BcShippingAddress> shippingAddresses,
        BigCommerceWeightUnit weightUnit = BigCommerceWeightUnit.Unknown)
    {
        var lines = products.Select(p => ToLine(p, weightUnit)).ToList();
        var address = shippingAddresses.Count > 0 ? shippingAddresses[0] : null;
        string? problem = null;
        if (shippingAddresses.Count > 1)
            problem = $"order ships to {shippingAddresses.Count} addresses; split it in BigCommerce or ship it by hand";
        else if (address is null && lines.Any(l => l.IsPhysical))
            problem = "order has physical items but no shipping address";

        return new ChannelOrder
        {
            ChannelOrderId = order.Id.ToString(CultureInfo.InvariantCulture),
            CreatedAt = BigCommerceDates.Parse(order.DateCreated, "date_created"),
            ModifiedAt = BigCommerceDates.Parse(order.DateModified ?? order.DateCreated, "date_modified"),
            ChannelStatus = string.IsNullOrWhiteSpace(order.Status) ? order.StatusId.ToString(CultureInfo.InvariantCulture) : order.Status,
            Currency = CurrencyOf(order),
            Subtotal = Money(order.SubtotalIncTax),
            ShippingCost = Money(order.ShippingCostIncTax),
            Total = Money(order.TotalIncTax),
            ShippingAddress = address is null ? null : ToAddress(address),
            ShippingAddressId = address?.Id.ToString(CultureInfo.InvariantCulture),
            ShippingMethod = address?.ShippingMethod?.Trim() ?? "",
            Lines = lines,
            CustomerNote = string.IsNullOrWhiteSpace(order.CustomerMessage) ? null : order.CustomerMessage,
            ImportProblem = problem,
        };
    }

    /// <summary>
    /// An order's lines and shipping addresses from its consignments, or null when they must be read from the products
    /// and shipping_addresses resources instead: consignments not included, a line that is a link rather than the line,
    /// a pickup (the products resource lists its lines as physical; both ways must read an order alike), or lines adding
    /// up to other than the order's item count (UNCONFIRMED whether BigCommerce ever pages or trims them).
    /// </summary>
    public static (IReadOnlyList<BcOrderProduct> Products, IReadOnlyList<BcShippingAddress> Addresses)? FromConsignments(BcOrder order)
    {
        if (order.Consignments is not { Shipping: { } shipping } consignments || consignments.Pickups is { Count: > 0 }
            || shipping.Any(s => s.LineItems is null))
            return null;
        var products = shipping.SelectMany(s => s.LineItems!)
            .Concat((consignments.Downloads ?? []).SelectMany(d => d.LineItems ?? []))
            .Concat((consignments.Email?.GiftCertificates ?? []).SelectMany(g => g.LineItems ?? []))
            .OrderBy(p => p.Id) // as the products resource lists them
            .ToList();
        if (products.Any(p => p.Id <= 0) || products.Sum(p => p.Quantity) != order.ItemsTotal)
            return null;
        var addresses = shipping.Select(s => new BcShippingAddress
        {
            Id = s.Id,
            OrderId = order.Id,
            FirstName = s.FirstName,
            LastName = s.LastName,
            Company = s.Company,
            Street1 = s.Street1,
            Street2 = s.Street2,
            City = s.City,
            State = s.State,
            Zip = s.Zip,
            Country = s.Country,
            CountryIso2 = s.CountryIso2,
            Phone = s.Phone,
            Email = s.Email,
            ItemsTotal = s.ItemsTotal,
            ItemsShipped = s.ItemsShipped,
            ShippingMethod = s.ShippingMethod,
        }).ToList();
        return (products, addresses);
    }

    /// <summary>
    /// The unit of the order's amounts. v2 orders carry two currencies: <c>currency_code</c> is the display currency the
    /// storefront showed the shopper, <c>default_currency_code</c> the transactional one the shopper was charged in,
    /// which is what the amounts are in (orders.v2 spec, "Currency Fields"). The latter is documented as present with
    /// multi-currency; without it the two are the same, so <c>currency_code</c> stands in. GBP when neither is given.
    /// </summary>
    public static string CurrencyOf(BcOrder order) =>
        new[] { order.DefaultCurrencyCode, order.CurrencyCode }.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c))?.Trim().ToUpperInvariant() ?? "GBP";

    /// <summary>Reads the store's <c>weight_units</c> setting ("Grams", "KGS", "Ounces", "LBS"); anything else is Unknown.</summary>
    public static BigCommerceWeightUnit ParseWeightUnit(string? storeSetting) => storeSetting?.Trim().ToLowerInvariant() switch
    {
        "grams" or "g" => BigCommerceWeightUnit.Grams,
        "kgs" or "kg" or "kilograms" => BigCommerceWeightUnit.Kilograms,
        "ounces" or "oz" => BigCommerceWeightUnit.Ounces,
        "lbs" or "lb" or "pounds" => BigCommerceWeightUnit.Pounds,
        _ => BigCommerceWeightUnit.Unknown,
    };

    /// <summary>Money comes as strings like "62.6793"; invariant culture, never the server's.</summary>
    public static decimal Money(string? value) =>
        decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : 0m;

    private static ChannelOrderLine ToLine(BcOrderProduct p, BigCommerceWeightUnit unit) => new()
    {
        LineId = p.Id.ToString(CultureInfo.InvariantCulture),
        Sku = string.IsNullOrWhiteSpace(p.Sku) ? null : p.Sku.Trim(),
        Name = p.Name ?? p.Sku ?? $"product {p.ProductId}",
        Quantity = p.Quantity,
        UnitPrice = Money(p.PriceIncTax),
        // Only "physical" ships: "digital" and gift certificates never do.
        IsPhysical = string.Equals(p.Type, "physical", StringComparison.OrdinalIgnoreCase),
        ChannelWeightGrams = ToGrams(p.Weight, unit),
    };

    internal static decimal? ToGrams(string? weight, BigCommerceWeightUnit unit)
    {
        if (!decimal.TryParse(weight, NumberStyles.Number, CultureInfo.InvariantCulture, out var w) || w <= 0)
            return null;
        decimal? grams = unit switch
        {
            BigCommerceWeightUnit.Grams => w,
            BigCommerceWeightUnit.Kilograms => w * 1000m,
            BigCommerceWeightUnit.Ounces => w * 28.349523125m,
            BigCommerceWeightUnit.Pounds => w * 453.59237m,
            _ => null,
        };
        return grams is { } g ? Math.Round(g, 1) : null;
    }

    private static Address ToAddress(BcShippingAddress a)
    {
        var name = string.Join(' ', new[] { a.FirstName, a.LastName }.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()));
        return new Address
        {
            FullName = name.Length == 0 ? null : name,
            CompanyName = Blank(a.Company),
            Line1 = a.Street1?.Trim() ?? "",
            Line2 = Blank(a.Street2),
            City = a.City?.Trim() ?? "",
            County = Blank(a.State),
            Postcode = Blank(a.Zip),
            CountryCode = (a.CountryIso2 ?? "").Trim().ToUpperInvariant(),
            Phone = Blank(a.Phone),
            Email = Blank(a.Email),
        };
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
