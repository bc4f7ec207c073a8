using System.Globalization;
using System.Text;
using Fulfilment.Carriers.ClickAndDrop.Dtos;
using Fulfilment.Shipping;

namespace Fulfilment.Carriers.ClickAndDrop;

/// <summary>The result of mapping one plan: the request to send, or why it cannot be sent as it is.</summary>
public sealed record ClickAndDropMappedOrder(string Reference, CreateOrderRequest? Order, string? Rejection)
{
    public bool IsRejected => Rejection is not null;
}

/// <summary>
/// Pure mapping between our types and Click &amp; Drop's. Free text longer than the spec allows is truncated; values that
/// cannot be shortened without changing their meaning (references, codes, weights, quantities, amounts) reject the plan.
/// </summary>
public static class ClickAndDropMapper
{
    // Limits from the Click & Drop spec (CreateOrderRequest and its parts).
    internal const int MaxReference = 40, MaxFullName = 210, MaxAddressPart = 100, MaxPostcode = 20, MaxCountryCode = 3;
    internal const int MaxPhone = 25, MaxEmail = 254, MaxTradingName = 250, MaxSpecialInstructions = 500, MaxCurrency = 3;
    internal const int MaxProductName = 800, MaxSku = 100, MaxCustomsDescription = 50, MaxCustomsCode = 10, MaxServiceCode = 10;
    internal const int MinWeight = 1, MaxWeight = 30000, MaxQuantity = 999999, MaxUnitWeight = 999999;
    internal const decimal MaxMoney = 999999m;

    /// <summary>
    /// Our orders are web-shop sales to consumers, which is what "eCommerceSaleOfGoods" declares (rather than the B2B
    /// "commercialSaleOfGoods"); a gift or sample flow would need its own category.
    /// </summary>
    public const string CustomsDeclarationCategory = "eCommerceSaleOfGoods";

    /// <summary>
    /// Delivery terms. With IOSS the VAT was collected at checkout, so nothing is left for the recipient to pay: IOSS_DDU.
    /// Without it, DDU_DAP (the recipient pays) is Click &amp; Drop's default, sent explicitly where the spec calls the field
    /// required (EU and USA).
    /// </summary>
    public const string IossDeliveredDutyUnpaid = "IOSS_DDU", DeliveredDutyUnpaid = "DDU_DAP";

    internal const int MaxIossNumber = 50;

    /// <summary>Maps one plan; <paramref name="defaults"/> adds the account's trading name (when the plan names no sender) and IOSS number.</summary>
    public static ClickAndDropMappedOrder ToCreateOrder(ShipmentPlan plan, ClickAndDropOrderDefaults? defaults = null)
    {
        defaults ??= ClickAndDropOrderDefaults.None;
        var problems = new List<string>();
        var reference = plan.Reference;
        if (string.IsNullOrWhiteSpace(reference) || reference.Length > MaxReference)
            problems.Add($"orderReference must be 1-{MaxReference} characters (was {reference?.Length ?? 0})");

        var r = plan.Recipient;
        if (string.IsNullOrWhiteSpace(r.Line1)) problems.Add("recipient addressLine1 is required");
        if (string.IsNullOrWhiteSpace(r.City)) problems.Add("recipient city is required");
        var country = r.CountryCode?.Trim().ToUpperInvariant() ?? "";
        if (country.Length is 0 or > MaxCountryCode) problems.Add($"recipient countryCode must be 1-{MaxCountryCode} characters");
        var postcode = Clean(r.Postcode);
        if (postcode is { Length: > MaxPostcode }) problems.Add($"recipient postcode is longer than {MaxPostcode} characters");

        if (plan.TotalWeightGrams is < MinWeight or > MaxWeight)
            problems.Add($"package weightInGrams {plan.TotalWeightGrams} is outside {MinWeight}-{MaxWeight}");
        if (string.IsNullOrWhiteSpace(plan.PackageFormat)) problems.Add("packageFormatIdentifier is required");
        if (string.IsNullOrWhiteSpace(plan.ServiceCode) || plan.ServiceCode.Length > MaxServiceCode)
            problems.Add($"serviceCode must be 1-{MaxServiceCode} characters");
        var currency = plan.Currency?.Trim().ToUpperInvariant();
        if (currency is { Length: > MaxCurrency }) problems.Add($"currencyCode is longer than {MaxCurrency} characters");
        CheckMoney("subtotal", plan.Subtotal, problems);
        CheckMoney("shippingCostCharged", plan.ShippingCost, problems);
        CheckMoney("total", plan.Total, problems);

        var contents = new List<ProductItemRequest>();
        foreach (var line in plan.Lines)
            contents.Add(MapLine(line, plan.RequiresCustoms, problems));

        // IOSS is the EU's scheme: its number means nothing to other destinations, so it goes only with EU consignments.
        var iossNumber = ClickAndDropDestinations.IsEuropeanUnion(country) ? Clean(defaults.IossNumber) : null;
        if (iossNumber is { Length: > MaxIossNumber }) problems.Add($"the account's IOSS number is longer than {MaxIossNumber} characters");

        var dimensions = plan.Dimensions is { HeightMm: > 0, WidthMm: > 0, DepthMm: > 0 } d
            ? new DimensionsRequest(d.HeightMm, d.WidthMm, d.DepthMm)
            : null; // the API wants all three non-zero or none: partial dimensions are left out.

        if (problems.Count > 0)
            return new ClickAndDropMappedOrder(reference ?? "", null, string.Join("; ", problems));

        var order = new CreateOrderRequest
        {
            OrderReference = reference,
            // The spec makes it mandatory for business senders from Great Britain to Northern Ireland; a company name on the
            // shipping address is what tells us the recipient is a business.
            IsRecipientABusiness = ClickAndDropDestinations.IsNorthernIreland(r) ? !string.IsNullOrWhiteSpace(r.CompanyName) : null,
            Recipient = new RecipientDetailsRequest
            {
                Address = new AddressRequest
                {
                    FullName = Truncate(r.FullName, MaxFullName),
                    CompanyName = Truncate(r.CompanyName, MaxAddressPart),
                    AddressLine1 = Truncate(r.Line1, MaxAddressPart)!,
                    AddressLine2 = Truncate(r.Line2, MaxAddressPart),
                    AddressLine3 = Truncate(r.Line3, MaxAddressPart),
                    City = Truncate(r.City, MaxAddressPart)!,
                    County = Truncate(r.County, MaxAddressPart),
                    Postcode = postcode,
                    CountryCode = country,
                },
                PhoneNumber = Phone(r.Phone),
                // An over-long address cannot be a valid one: leaving it out only loses the e-mail notification.
                EmailAddress = Clean(r.Email) is { Length: <= MaxEmail } email ? email : null,
            },
            Sender = Truncate(plan.SenderTradingName ?? defaults.TradingName, MaxTradingName) is { } trading
                ? new SenderDetailsRequest { TradingName = trading }
                : null,
            OrderDate = plan.OrderDate,
            Subtotal = Money(plan.Subtotal),
            ShippingCostCharged = Money(plan.ShippingCost),
            Total = Money(plan.Total),
            CurrencyCode = currency,
            DeliveryTerm = iossNumber is not null ? IossDeliveredDutyUnpaid
                : ClickAndDropDestinations.NeedsDeliveryTerm(country) ? DeliveredDutyUnpaid
                : null,
            SpecialInstructions = Truncate(plan.SpecialInstructions, MaxSpecialInstructions),
            Packages =
            [
                new ShipmentPackageRequest
                {
                    WeightInGrams = plan.TotalWeightGrams,
                    PackageFormatIdentifier = plan.PackageFormat,
                    Dimensions = dimensions,
                    Contents = contents.Count > 0 ? contents : null,
                },
            ],
            PostageDetails = new PostageDetailsRequest { ServiceCode = plan.ServiceCode, SendNotificationsTo = "recipient", IossNumber = iossNumber },
            // The same document GET /orders/{id}/label gives (postage label only, no CN form, no returns label), so a label
            // from either path is the same; without it (not an OBA account, or turned off) labels are downloaded later.
            Label = defaults.LabelInResponse
                ? new LabelGenerationRequest(IncludeLabelInResponse: true, IncludeCN: false, IncludeReturnsLabel: false)
                : new LabelGenerationRequest(IncludeLabelInResponse: false),
        };
        return new ClickAndDropMappedOrder(reference!, order, null);
    }

    private static ProductItemRequest MapLine(ShipmentLine line, bool requiresCustoms, List<string> problems)
    {
        var sku = Clean(line.Sku);
        if (sku is { Length: > MaxSku }) problems.Add($"SKU '{sku[..20]}…' is longer than {MaxSku} characters");
        if (line.Quantity is < 1 or > MaxQuantity) problems.Add($"quantity {line.Quantity} of SKU {sku} is outside 1-{MaxQuantity}");
        if (line.UnitWeightGrams is < 0 or > MaxUnitWeight) problems.Add($"unitWeightInGrams of SKU {sku} is outside 0-{MaxUnitWeight}");
        CheckMoney($"unitValue of SKU {sku}", line.UnitValue, problems);

        string? customsCode = null, origin = null, description = null;
        if (requiresCustoms)
        {
            // Tariff codes are often written with dots or spaces ("3406.00 00 00"); the API wants the digits.
            customsCode = line.TariffCode is null ? null : new string(line.TariffCode.Where(char.IsAsciiLetterOrDigit).ToArray());
            if (customsCode is { Length: 0 }) customsCode = null;
            if (customsCode is { Length: > MaxCustomsCode }) problems.Add($"customsCode of SKU {sku} is longer than {MaxCustomsCode} characters");
            origin = Clean(line.OriginCountryCode)?.ToUpperInvariant();
            if (origin is { Length: > MaxCountryCode }) problems.Add($"originCountryCode of SKU {sku} is longer than {MaxCountryCode} characters");
            description = Truncate(Clean(line.CustomsDescription) ?? Clean(line.Name), MaxCustomsDescription);
        }

        return new ProductItemRequest
        {
            Name = Truncate(line.Name, MaxProductName),
            Sku = sku,
            Quantity = line.Quantity,
            UnitValue = Money(line.UnitValue),
            UnitWeightInGrams = line.UnitWeightGrams,
            CustomsDescription = description,
            CustomsCode = customsCode,
            OriginCountryCode = origin,
            CustomsDeclarationCategory = requiresCustoms ? CustomsDeclarationCategory : null,
        };
    }

    /// <summary>
    /// Maps the create response to per-order outcomes, keyed by our references. With <paramref name="labelsAsked"/>, each
    /// created order carries its label, or why it has none (its <c>labelErrors</c>, no label at all, or one that is not a
    /// PDF): the order exists either way, and a missing label is downloaded later.
    /// </summary>
    public static CarrierBatchResult ToBatchResult(CreateOrdersResponse response, bool labelsAsked = false)
    {
        var created = (response.CreatedOrders ?? [])
            .Where(o => o.OrderReference is not null)
            .Select(o =>
            {
                var (pdf, missing) = labelsAsked ? ReadLabel(o) : (null, null);
                return new CreatedShipment(
                    o.OrderReference!,
                    o.OrderIdentifier.ToString(CultureInfo.InvariantCulture),
                    o.TrackingNumber ?? o.Packages?.FirstOrDefault(p => !string.IsNullOrEmpty(p.TrackingNumber))?.TrackingNumber,
                    pdf,
                    missing);
            })
            .ToList();
        var rejected = (response.FailedOrders ?? [])
            .Where(f => f.Order?.OrderReference is not null)
            .Select(f => new RejectedShipment(f.Order!.OrderReference!, DescribeErrors(f.Errors)))
            .ToList();
        return new CarrierBatchResult(created, rejected);
    }

    /// <summary>The label of one created order, or why it did not come: labelErrors first, as Click &amp; Drop words them.</summary>
    public static (byte[]? Pdf, string? Missing) ReadLabel(CreateOrderResponse order)
    {
        if (order.LabelErrors is { Count: > 0 } errors)
            return (null, "Click & Drop gave no label with the order: " + string.Join("; ", errors.Select(e =>
                string.IsNullOrWhiteSpace(e.Code) ? e.Message?.Trim() ?? "no reason given" : $"{e.Code.Trim()}: {e.Message?.Trim() ?? "no reason given"}")));
        if (string.IsNullOrEmpty(order.Label))
            return (null, "Click & Drop gave no label with the order, and no reason.");
        var bytes = new byte[order.Label.Length * 3 / 4 + 3];
        if (!Convert.TryFromBase64String(order.Label, bytes, out var written) || !ClickAndDropLabelAnswer.LooksLikePdf(bytes.AsSpan(0, written)))
            return (null, "The label Click & Drop gave with the order is not a base64 PDF.");
        return (bytes[..written], null);
    }

    /// <summary>A readable reason from the errors of one failed order, naming the fields (their values may be personal data, so they are left out).</summary>
    public static string DescribeErrors(IReadOnlyList<CreateOrderErrorResponse>? errors)
    {
        if (errors is null || errors.Count == 0)
            return "Click & Drop refused the order without giving a reason.";
        var parts = errors.Select(e =>
        {
            var text = new StringBuilder(string.IsNullOrWhiteSpace(e.ErrorMessage) ? "Unspecified error" : e.ErrorMessage.Trim());
            var fields = (e.Fields ?? []).Select(f => f.FieldName).Where(n => !string.IsNullOrWhiteSpace(n)).ToList();
            if (fields.Count > 0) text.Append(" (").Append(string.Join(", ", fields)).Append(')');
            if (e.ErrorCode is { } code) text.Append(" [").Append(code.ToString(CultureInfo.InvariantCulture)).Append(']');
            return text.ToString();
        });
        return string.Join("; ", parts);
    }

    /// <summary>Maps one order from a lookup to our status.</summary>
    public static CarrierShipmentStatus ToStatus(GetOrderInfoResource order) => new()
    {
        CarrierShipmentId = order.OrderIdentifier.ToString(CultureInfo.InvariantCulture),
        Reference = order.OrderReference,
        TrackingNumber = string.IsNullOrEmpty(order.TrackingNumber)
            ? order.Packages?.FirstOrDefault(p => !string.IsNullOrEmpty(p.TrackingNumber))?.TrackingNumber
            : order.TrackingNumber,
        LabelPrintedAt = order.PrintedOn,
        DespatchedAt = order.ShippedOn,
    };

    private static void CheckMoney(string field, decimal value, List<string> problems)
    {
        if (value < 0 || Money(value) > MaxMoney) problems.Add($"{field} {value.ToString(CultureInfo.InvariantCulture)} is outside 0-{MaxMoney}");
    }

    private static decimal Money(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Phone numbers are compacted (spaces, dots, dashes, brackets removed) rather than cut; one that is still too long is left out.</summary>
    private static string? Phone(string? phone)
    {
        var cleaned = Clean(phone);
        if (cleaned is null || cleaned.Length <= MaxPhone) return cleaned;
        var compact = new string(cleaned.Where(c => char.IsAsciiDigit(c) || c == '+').ToArray());
        return compact.Length is > 0 and <= MaxPhone ? compact : null;
    }

    /// <summary>Trims and cuts free text to <paramref name="max"/> characters without splitting a surrogate pair.</summary>
    internal static string? Truncate(string? value, int max)
    {
        var cleaned = Clean(value);
        if (cleaned is null || cleaned.Length <= max) return cleaned;
        var cut = char.IsHighSurrogate(cleaned[max - 1]) ? max - 1 : max;
        return cleaned[..cut].TrimEnd();
    }
}
