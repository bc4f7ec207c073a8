using Fulfilment.Channels.Ecomdash.Dtos;
using Fulfilment.Orders;

namespace Fulfilment.Channels.Ecomdash;

/// <summary>Maps Ecomdash payloads to our <see cref="ChannelOrder"/>. Pure: no I/O, no clock.</summary>
public static partial class EcomdashMapper
{
    /// <summary>
    /// An order with its lines. Ecomdash keeps no modification time we can list by, so the order's position
    /// (<see cref="ChannelOrder.ModifiedAt"/>) is its creation time. Amounts carry no currency (UNCONFIRMED): the
    /// connection's currency setting is used. A line is physical unless it says <c>IsDigital</c> (UNCONFIRMED flag).
    /// </summary>
    public static ChannelOrder ToChannelOrder(EdOrder order, IReadOnlyList<EdLineItem> lineItems, string currency)
    {
        var id = EcomdashIds.Text(order.EcomdashId) ?? throw EcomdashException.Invalid($"Ecomdash sent an order whose id is not a whole number ({order.EcomdashId}).");
        var created = order.CreatedDate ?? order.OrderDate ?? throw EcomdashException.Invalid($"Ecomdash order {id} has no created date.");
        var problems = new List<string>();
        var lines = new List<ChannelOrderLine>();
        foreach (var item in lineItems)
        {
            if (ToLine(item, problems) is { } line)
                lines.Add(line);
        }
        var address = order.ShipToContact is { Address: not null } contact ? ToAddress(contact) : null;
        if (address is null && lines.Any(l => l.IsPhysical))
            problems.Add("the order has items to ship but no ship-to address");

        return new ChannelOrder
        {
            ChannelOrderId = id,
            OrderNumber = Blank(order.StorefrontOrderNumber),
            CreatedAt = created,
            ModifiedAt = created,
            ChannelStatus = order.Status ?? "",
            Currency = currency,
            Subtotal = lineItems.Sum(l => l.LineItemTotal ?? (l.UnitPrice ?? 0m) * l.QuantitySold),
            ShippingCost = order.ShippingAmountCollected ?? 0m,
            Total = order.TotalAmount ?? 0m,
            ShippingAddress = address,
            ShippingMethod = order.ShippingMethod?.Trim() ?? "",
            Lines = lines,
            ImportProblem = problems.Count == 0 ? null : string.Join("; ", problems),
        };
    }

    /// <summary>The listing's summary of an order: its id and position (creation time, whole seconds as Ecomdash writes them).</summary>
    public static ChannelOrderSummary ToSummary(EdOrder order)
    {
        var id = EcomdashIds.Text(order.EcomdashId) ?? throw EcomdashException.Invalid($"Ecomdash listed an order whose id is not a whole number ({order.EcomdashId}).");
        return new ChannelOrderSummary(id, order.CreatedDate ?? order.OrderDate ?? DateTimeOffset.MinValue) { ChannelState = order };
    }

    private static ChannelOrderLine? ToLine(EdLineItem item, List<string> problems)
    {
        var lineId = EcomdashIds.Text(item.OrderLineItemId);
        if (lineId is null)
        {
            problems.Add($"a line ({item.SkuNumber}) has no valid line item id");
            return null;
        }
        if (item.QuantitySold <= 0 || item.QuantitySold != decimal.Truncate(item.QuantitySold) || item.QuantitySold > int.MaxValue)
        {
            problems.Add($"line {lineId} ({item.SkuNumber}) has a quantity of {item.QuantitySold}, which is not a whole number of items");
            return null;
        }
        return new ChannelOrderLine
        {
            LineId = lineId,
            Sku = Blank(item.SkuNumber),
            Name = Blank(item.ProductName) ?? Blank(item.SkuNumber) ?? $"line {lineId}",
            Quantity = (int)item.QuantitySold,
            UnitPrice = item.UnitPrice ?? 0m,
            IsPhysical = item.IsDigital != true,
        };
    }

    private static Address ToAddress(EdContact contact)
    {
        var a = contact.Address!;
        return new Address
        {
            FullName = Blank(contact.FullName),
            CompanyName = Blank(contact.CompanyName),
            Line1 = a.Street1?.Trim() ?? "",
            Line2 = Blank(a.Street2),
            City = a.City?.Trim() ?? "",
            County = Blank(a.State),
            Postcode = Blank(a.ZipCode),
            CountryCode = CountryCode(a.Country),
            Phone = Blank(contact.BusinessPhone),
            Email = Blank(contact.EmailAddress),
        };
    }

    /// <summary>
    /// Ecomdash's Country as an ISO alpha-2 code. The format is UNCONFIRMED (the simulator sends "GB"): two letters pass
    /// through, common names of our destinations are translated, anything else is kept for the carrier to refuse visibly.
    /// </summary>
    public static string CountryCode(string? country)
    {
        var text = (country ?? "").Trim();
        if (text.Length == 2)
            return text.ToUpperInvariant();
        return text.ToUpperInvariant() switch
        {
            "UK" or "GBR" or "UNITED KINGDOM" or "GREAT BRITAIN" or "ENGLAND" or "SCOTLAND" or "WALES" or "NORTHERN IRELAND" => "GB",
            "USA" or "UNITED STATES" or "UNITED STATES OF AMERICA" => "US",
            "IRL" or "IRELAND" => "IE",
            "DEU" or "GERMANY" => "DE",
            "FRA" or "FRANCE" => "FR",
            "IND" or "INDIA" => "IN",
            "CAN" or "CANADA" => "CA",
            "AUS" or "AUSTRALIA" => "AU",
            _ => text,
        };
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
