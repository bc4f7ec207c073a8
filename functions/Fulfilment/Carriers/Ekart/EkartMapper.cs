using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Fulfilment.Carriers.Ekart.Dtos;
using Fulfilment.Orders;
using Fulfilment.Shipping;

namespace Fulfilment.Carriers.Ekart;

/// <summary>The result of mapping one plan: the shipment to send, or why it cannot be sent as it is.</summary>
public sealed record EkartMappedShipment(string Reference, string ServiceCode, EkartServiceDetail? Detail, string? Rejection)
{
    public bool IsRejected => Rejection is not null;
}

/// <summary>
/// Pure mapping of our plan to Ekart's forward shipment. Ekart ships within India: the destination must be an Indian
/// address with a 6-digit PIN code and a 10-digit phone number. Names and addresses are sent as printable ASCII
/// (accents dropped; Ekart refuses other characters); what cannot be written so, and values outside Ekart's limits,
/// reject the plan with the reason instead of costing a call.
/// </summary>
public static class EkartMapper
{
    public const string ForwardLeg = "FORWARD";
    public const string VendorName = "Ekart";
    public const decimal MaxCashOnDelivery = 50000m;
    internal const int MaxAddressLine = 255, MaxName = 100, MaxTitle = 255;

    /// <summary>Boxes used when the catalogue gives no single-package dimensions (cm), chosen within Ekart's limits per delivery_type.</summary>
    public static (decimal Length, decimal Breadth, decimal Height) DefaultBox(string deliveryType) => deliveryType switch
    {
        "LARGE" => (60m, 45m, 35m),
        "MEDIUM" => (40m, 30m, 20m),
        _ => (25m, 20m, 10m),
    };

    /// <summary>
    /// Our client_reference_id (Ekart allows 15 characters, unique per merchant): "FF" and 13 base-32 characters of a
    /// hash of our order reference, so the same order always sends the same one and "already present" can be checked
    /// against it.
    /// </summary>
    public static string ClientReference(string reference)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(reference));
        var bits = new System.Numerics.BigInteger(hash.AsSpan(0, 9), isUnsigned: true, isBigEndian: true);
        var text = new StringBuilder("FF", 15);
        for (var i = 0; i < 13; i++, bits >>= 5)
            text.Append(alphabet[(int)(bits & 31)]);
        return text.ToString();
    }

    public static EkartMappedShipment ToServiceDetail(ShipmentPlan plan, EkartAccountSettings account, string trackingId, IReadOnlySet<int> hsnLengths)
    {
        var problems = new List<string>();
        var r = plan.Recipient;
        if (!string.Equals(r.CountryCode?.Trim(), "IN", StringComparison.OrdinalIgnoreCase))
            problems.Add($"Ekart ships within India only; the destination is {r.CountryCode}");
        var destination = Destination(r, problems);
        var source = Pickup(account.Pickup, problems);

        var deliveryType = plan.PackageFormat.Trim().ToUpperInvariant();
        if (!EkartAccount.PackageFormats.Contains(deliveryType))
            problems.Add($"package format {plan.PackageFormat} is not an Ekart delivery type ({string.Join(", ", EkartAccount.PackageFormats)})");
        var dimensions = Dimensions(plan, deliveryType, problems);

        var value = Money(plan.Total > 0 ? plan.Total : plan.Subtotal);
        if (value <= 0)
            problems.Add("Ekart needs a shipment value above 0");
        var collect = plan.CashOnDelivery ? value : 0m;
        if (collect > MaxCashOnDelivery)
            problems.Add($"cash on delivery of {collect.ToString("0.00", CultureInfo.InvariantCulture)} is above Ekart's limit of {MaxCashOnDelivery:0}");

        var items = plan.Lines.Select(l => Item(l, plan, account, hsnLengths, problems)).ToList();
        if (items.Count == 0)
            problems.Add("the shipment has no items");

        if (problems.Count > 0 || destination is null || source is null)
            return new EkartMappedShipment(plan.Reference, plan.ServiceCode, null, string.Join("; ", problems));

        var detail = new EkartServiceDetail(
            ForwardLeg,
            new EkartServiceData(collect, deliveryType, VendorName, source, destination, source),
            new EkartShipment(ClientReference(plan.Reference), trackingId, value, dimensions, items));
        return new EkartMappedShipment(plan.Reference, plan.ServiceCode, detail, null);
    }

    /// <summary>One create request: the shipments grouped by service code, in the order given.</summary>
    public static EkartCreateRequest ToCreateRequest(string merchantCode, string goodsCategory, IReadOnlyList<EkartMappedShipment> shipments) => new(
        RequestId: null,
        ClientName: merchantCode,
        GoodsCategory: goodsCategory,
        Services: shipments.Where(s => s.Detail is not null).GroupBy(s => s.ServiceCode, StringComparer.Ordinal)
            .Select(g => new EkartService(g.Key, g.Select(s => s.Detail!).ToList())).ToList());

    private static EkartLocation? Destination(Address r, List<string> problems)
    {
        var name = Ascii(r.FullName ?? r.CompanyName, MaxName);
        var line1 = Ascii(r.Line1, MaxAddressLine);
        var line2 = Ascii(string.Join(", ", new[] { r.Line2, r.Line3 }.Where(l => !string.IsNullOrWhiteSpace(l))), MaxAddressLine);
        var city = Ascii(r.City, MaxName);
        var state = Ascii(r.County, MaxName);
        var pincode = r.Postcode?.Replace(" ", "", StringComparison.Ordinal);
        var phone = EkartPhone.Normalise(r.Phone);
        if (name is null) problems.Add("the recipient's name is missing or not writable in Latin letters");
        if (line1 is null) problems.Add("the recipient's address line 1 is missing or not writable in Latin letters");
        if (city is null) problems.Add("the recipient's city is missing");
        if (state is null) problems.Add("the recipient's state is missing (Ekart needs it)");
        if (!EkartAccount.IsPincode(pincode)) problems.Add($"'{r.Postcode}' is not a 6-digit Indian PIN code");
        if (phone is null) problems.Add("the recipient needs a 10-digit Indian phone number for Ekart");
        if (name is null || line1 is null || city is null || state is null || !EkartAccount.IsPincode(pincode) || phone is null)
            return null;
        var email = r.Email?.Trim() is { Length: > 0 and <= 254 } e && e.Contains('@') && e.All(c => c is > ' ' and <= '~') ? e : null;
        return new EkartLocation(null, new EkartAddress(name, line1, line2, pincode!, city, state, phone, email));
    }

    private static EkartLocation? Pickup(EkartPickup pickup, List<string> problems)
    {
        if (pickup.LocationCode is { } code)
            return new EkartLocation(code, null);
        if (pickup.Address is not { } a)
        {
            problems.Add("the Ekart account has neither a location code nor a whole pickup address");
            return null;
        }
        var name = Ascii(a.Name, MaxName);
        var line1 = Ascii(a.Line1, MaxAddressLine);
        if (name is null || line1 is null)
        {
            problems.Add("the Ekart account's pickup name and address must be writable in Latin letters");
            return null;
        }
        return new EkartLocation(null, new EkartAddress(name, line1, Ascii(a.Line2, MaxAddressLine), a.Pincode, Ascii(a.City, MaxName) ?? a.City,
            Ascii(a.State, MaxName) ?? a.State, a.Phone, a.Email));
    }

    private static EkartDimensions Dimensions(ShipmentPlan plan, string deliveryType, List<string> problems)
    {
        var (length, breadth, height) = plan.Dimensions is { HeightMm: > 0, WidthMm: > 0, DepthMm: > 0 } d
            ? (Centimetres(d.DepthMm), Centimetres(d.WidthMm), Centimetres(d.HeightMm))
            : DefaultBox(deliveryType);
        var sides = new[] { length, breadth, height }.OrderDescending().ToArray();
        // Ekart's limits for NonLarge shipments: longest side 75 cm, next 55 cm, volumetric weight (L×B×H/6000) 21.25 kg.
        if (sides[0] > 75 || sides[1] > 55)
            problems.Add("the parcel is larger than Ekart takes (longest side 75 cm, second 55 cm)");
        else if (sides[0] * sides[1] * sides[2] / 6000 > 21.25m)
            problems.Add("the parcel's volumetric weight is above Ekart's 21.25 kg");
        if (plan.TotalWeightGrams <= 0)
            problems.Add("the parcel has no weight");
        var kilograms = Math.Max(0.001m, Math.Round(plan.TotalWeightGrams / 1000m, 3, MidpointRounding.AwayFromZero));
        return new EkartDimensions(new EkartMeasure(length), new EkartMeasure(breadth), new EkartMeasure(height), new EkartMeasure(kilograms));
    }

    private static EkartItem Item(ShipmentLine line, ShipmentPlan plan, EkartAccountSettings account, IReadOnlySet<int> hsnLengths, List<string> problems)
    {
        var title = Ascii(line.Name, MaxTitle) ?? Ascii(line.Sku, MaxTitle);
        if (title is null)
            problems.Add($"item {line.Sku} has no name writable in Latin letters");
        // HSN is India's name for the HS tariff code; the catalogue's tariff code is sent when it has an accepted length.
        var digits = line.TariffCode is null ? null : new string(line.TariffCode.Where(char.IsAsciiDigit).ToArray());
        var hsn = digits is { Length: > 0 } && hsnLengths.Contains(digits.Length) ? digits : null;
        var seller = Ascii(plan.SenderTradingName ?? account.TradingName, MaxName) is { } trading ? new EkartSellerDetails(trading, account.Gstin) : null;
        return new EkartItem(Ascii(line.Sku, 100), title ?? line.Sku, line.Quantity, hsn, seller,
            [new EkartAttribute("order_id", Ascii(plan.ChannelOrderNumber, 100) ?? plan.Reference), new EkartAttribute("invoice_id", plan.Reference)]);
    }

    private static decimal Centimetres(int millimetres) => Math.Round(millimetres / 10m, 1, MidpointRounding.AwayFromZero);

    private static decimal Money(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>Printable ASCII: accents dropped (<see cref="AsciiFolding"/>), other characters left out, spaces collapsed, cut to <paramref name="max"/>; null when nothing is left.</summary>
    public static string? Ascii(string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var text = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c))
                text.Append(' ');
            else if (AsciiFolding.Fold(c) is { } plain)
                text.Append(plain);
        }
        var collapsed = string.Join(' ', text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (collapsed.Length == 0) return null;
        return collapsed.Length <= max ? collapsed : collapsed[..max].TrimEnd();
    }
}
