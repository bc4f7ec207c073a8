using System.Globalization;
using Fulfilment.Channels.Ekm.Dtos;
using Fulfilment.Orders;

namespace Fulfilment.Channels.Ekm;

/// <summary>EKM order and product payloads into our vocabulary. Pure, so every rule is tested on recorded payloads.</summary>
public static class EkmMapper
{
    /// <summary>The order with its lines. EKM lines carry no weight and no digital flag: every line is taken as physical.</summary>
    public static ChannelOrder ToChannelOrder(EkmOrder order, IReadOnlyList<EkmOrderItem> items, string currency) => new()
    {
        ChannelOrderId = order.Id.ToString(CultureInfo.InvariantCulture),
        OrderNumber = string.IsNullOrWhiteSpace(order.OrderNumber) ? null : order.OrderNumber,
        CreatedAt = order.OrderDate,
        ModifiedAt = order.ModifiedAt,
        ChannelStatus = order.Status ?? "",
        Currency = currency,
        Subtotal = order.SubTotal,
        ShippingCost = order.TotalDelivery,
        Total = order.TotalCost,
        ShippingAddress = AddressOf(order),
        ShippingMethod = order.DeliveryMethod?.Trim() ?? "",
        Lines = items.Select(LineOf).ToList(),
        CustomerNote = string.IsNullOrWhiteSpace(order.CustomerFacingNotes) ? null : order.CustomerFacingNotes,
        ImportProblem = items.Count == 0 ? "EKM lists no items for this order." : null,
    };

    private static ChannelOrderLine LineOf(EkmOrderItem item) => new()
    {
        LineId = item.Id.ToString(CultureInfo.InvariantCulture),
        Sku = string.IsNullOrWhiteSpace(item.ProductCode) ? null : item.ProductCode.Trim(),
        Name = string.IsNullOrWhiteSpace(item.ItemOptions) ? item.ItemName ?? item.ProductCode ?? "" : $"{item.ItemName} ({item.ItemOptions})",
        Quantity = item.Quantity is > 0 and <= int.MaxValue ? (int)item.Quantity : 0,
        UnitPrice = item.ItemPrice,
        IsPhysical = true,
        ChannelWeightGrams = null,
    };

    /// <summary>The shipping address, or the customer's (billing) address when the order says not to use a separate one.</summary>
    public static Address? AddressOf(EkmOrder order)
    {
        var email = order.CustomerDetails?.EmailAddress;
        if (order.UseShippingAddress && order.ShippingAddress is { } s && !string.IsNullOrWhiteSpace(s.Address))
            return Build(Name(s.FirstName, s.LastName), s.Company, s.Address, s.Address2, s.Town, s.County, s.PostCode, s.Country, s.Telephone, email);
        if (order.CustomerDetails is { } c && !string.IsNullOrWhiteSpace(c.Address))
            return Build(Name(c.FirstName, c.LastName), c.Company, c.Address, c.Address2, c.Town, c.County, c.PostCode, c.Country, c.Telephone, email);
        return null;
    }

    private static Address? Build(string? name, string? company, string? line1, string? line2, string? town, string? county, string? postcode,
        string? country, string? phone, string? email)
    {
        if (string.IsNullOrWhiteSpace(line1) || string.IsNullOrWhiteSpace(town) || string.IsNullOrWhiteSpace(country))
            return null;
        return new Address
        {
            FullName = name,
            CompanyName = Blank(company),
            Line1 = line1.Trim(),
            Line2 = Blank(line2),
            City = town.Trim(),
            County = Blank(county),
            Postcode = Blank(postcode),
            CountryCode = country.Trim().ToUpperInvariant(),
            Phone = Blank(phone),
            Email = Blank(email),
        };
    }

    private static string? Name(string? first, string? last) => Blank($"{first?.Trim()} {last?.Trim()}".Trim());

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>A product for the catalogue lookup; its weight converted to grams (the unit is UNCONFIRMED, see options).</summary>
    public static ChannelProduct ToChannelProduct(EkmProduct product, decimal gramsPerUnit) => new(
        product.Id.ToString(CultureInfo.InvariantCulture),
        product.ProductCode?.Trim() ?? "",
        Blank(product.Name),
        product.ProductWeight is { } w && w > 0 ? w * gramsPerUnit : null,
        Blank(product.Gtin));

    /// <summary>A status setting's name in the form order JSON and PUT …/status use: "Awaiting Stock" → "AWAITING STOCK" (UNCONFIRMED for custom ones).</summary>
    public static string OrderStatusCode(string statusName) => statusName.Trim().ToUpperInvariant();
}
