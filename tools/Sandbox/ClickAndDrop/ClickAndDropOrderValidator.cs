using System.Text.Json.Nodes;

namespace Sandbox.ClickAndDrop;

/// <summary>One reason an order item is refused, in the shape of the spec's CreateOrderErrorResponse.</summary>
public sealed record ClickAndDropValidationError(int ErrorCode, string ErrorMessage, IReadOnlyList<(string FieldName, string? Value)> Fields);

/// <summary>What validation needs to know besides the item: who sends it and how strict the simulator is.</summary>
public sealed record ClickAndDropValidationContext(bool BusinessSender, ClickAndDropNorthernIrelandRule NorthernIrelandRule)
{
    /// <summary>A business sender under the spec's rules.</summary>
    public static readonly ClickAndDropValidationContext Default = new(true, ClickAndDropNorthernIrelandRule.RequiredForBusinessSenders);
}

/// <summary>
/// Validates one CreateOrderRequest item like the spec: required fields, max lengths, ranges, enums, customs data for
/// destinations outside the UK, <c>isRecipientABusiness</c> on GB → Northern Ireland orders and IOSS delivery terms.
/// Field names are JSON paths such as <c>packages[0].weightInGrams</c>.
/// </summary>
public static class ClickAndDropOrderValidator
{
    public const int Required = 1001, TooLong = 1002, OutOfRange = 1003, InvalidValue = 1004, CustomsRequired = 1005;

    public static readonly IReadOnlySet<string> PackageFormats = new HashSet<string>(StringComparer.Ordinal)
        { "undefined", "letter", "largeLetter", "smallParcel", "mediumParcel", "largeParcel", "parcel", "documents" };

    public static readonly IReadOnlySet<string> CustomsCategories = new HashSet<string>(StringComparer.Ordinal)
        { "none", "gift", "commercialSample", "documents", "other", "returnedGoods", "commercialSaleOfGoods", "eCommerceSaleOfGoods" };

    /// <summary>The spec's accepted <c>deliveryTerm</c> values; the IOSS_ ones declare VAT collected under IOSS.</summary>
    public static readonly IReadOnlySet<string> DeliveryTerms = new HashSet<string>(StringComparer.Ordinal)
        { "DDP", "IOSS_DDP", "DDU_DAP", "IOSS_DDU", "DTP", "IOSS_DTP" };

    private static readonly HashSet<string> NotificationTargets = new(StringComparer.Ordinal) { "sender", "recipient", "billing" };

    public static IReadOnlyList<ClickAndDropValidationError> Validate(JsonObject item) => Validate(item, ClickAndDropValidationContext.Default);

    public static IReadOnlyList<ClickAndDropValidationError> Validate(JsonObject item, ClickAndDropValidationContext context)
    {
        var errors = new List<ClickAndDropValidationError>();
        var v = new ClickAndDropFieldChecker(errors);

        v.String(item, "orderReference", 40);
        v.String(item, "specialInstructions", 500);
        v.String(item, "currencyCode", 3);
        v.DateTime(item, "orderDate", required: true);
        v.Number(item, "subtotal", 0, 999999, required: true);
        v.Number(item, "shippingCostCharged", 0, 999999, required: true);
        v.Number(item, "total", 0, 999999, required: true);
        v.Number(item, "otherCosts", 0, 999999);
        v.Number(item, "orderTax", 0, 999999);
        v.Number(item, "customsDutyCosts", 0, 99999.99m);
        var deliveryTerm = v.String(item, "deliveryTerm", 20);
        if (deliveryTerm is not null && !DeliveryTerms.Contains(deliveryTerm))
            errors.Add(new(InvalidValue, $"deliveryTerm must be one of {string.Join(", ", DeliveryTerms)}.", [("deliveryTerm", deliveryTerm)]));

        var destination = Recipient(v, item);
        Sender(v, item);
        var iossNumber = Postage(v, item);
        Label(v, item);
        Packages(v, errors, item, destination);
        NorthernIrelandBusinessFlag(v, errors, item, destination, context);

        // UNCONFIRMED: the spec does not say what happens to an IOSS delivery term without a number; refusing it is the safe reading.
        if (deliveryTerm is not null && deliveryTerm.StartsWith("IOSS_", StringComparison.Ordinal) && string.IsNullOrWhiteSpace(iossNumber))
            errors.Add(new(Required, $"postageDetails.IOSSNumber is required with deliveryTerm {deliveryTerm}.", [("postageDetails.IOSSNumber", null)]));
        return errors;
    }

    /// <summary>Checks the recipient and returns where the order goes.</summary>
    private static ClickAndDropDestination Recipient(ClickAndDropFieldChecker v, JsonObject item)
    {
        if (v.Object(item, "recipient", required: true) is not { } recipient)
            return ClickAndDropDestination.Unknown;
        v.String(recipient, "phoneNumber", 25, prefix: "recipient.");
        v.String(recipient, "emailAddress", 254, prefix: "recipient.");
        v.String(recipient, "addressBookReference", 100, prefix: "recipient.");
        if (v.Object(recipient, "address", required: true, prefix: "recipient.") is not { } address)
            return ClickAndDropDestination.Unknown;
        const string p = "recipient.address.";
        v.String(address, "fullName", 210, prefix: p);
        var company = v.String(address, "companyName", 100, prefix: p);
        v.String(address, "addressLine1", 100, required: true, prefix: p);
        v.String(address, "addressLine2", 100, prefix: p);
        v.String(address, "addressLine3", 100, prefix: p);
        v.String(address, "city", 100, required: true, prefix: p);
        v.String(address, "county", 100, prefix: p);
        var postcode = v.String(address, "postcode", 20, prefix: p);
        var country = v.String(address, "countryCode", 3, required: true, prefix: p);
        return new ClickAndDropDestination(country, postcode, company);
    }

    private static void Sender(ClickAndDropFieldChecker v, JsonObject item)
    {
        if (v.Object(item, "sender") is not { } sender)
            return;
        v.String(sender, "tradingName", 250, prefix: "sender.");
        v.String(sender, "phoneNumber", 25, prefix: "sender.");
        v.String(sender, "emailAddress", 254, prefix: "sender.");
    }

    /// <summary>Checks postageDetails and returns its IOSS number, if any.</summary>
    private static string? Postage(ClickAndDropFieldChecker v, JsonObject item)
    {
        if (v.Object(item, "postageDetails") is not { } postage)
            return null;
        const string p = "postageDetails.";
        v.String(postage, "serviceCode", 10, prefix: p);
        v.String(postage, "carrierName", 50, prefix: p);
        v.Enum(postage, "sendNotificationsTo", NotificationTargets, prefix: p);
        v.String(postage, "safePlace", 90, prefix: p);
        v.String(postage, "department", 150, prefix: p);
        v.String(postage, "AIRNumber", 50, prefix: p);
        v.String(postage, "commercialInvoiceNumber", 35, prefix: p);
        return v.String(postage, "IOSSNumber", 50, prefix: p);
    }

    private static void Label(ClickAndDropFieldChecker v, JsonObject item)
    {
        if (v.Object(item, "label") is { } label)
        {
            v.Boolean(label, "includeLabelInResponse", required: true, prefix: "label.");
            v.Boolean(label, "includeCN", prefix: "label.");
            v.Boolean(label, "includeReturnsLabel", prefix: "label.");
        }
    }

    private static void Packages(ClickAndDropFieldChecker v, List<ClickAndDropValidationError> errors, JsonObject item, ClickAndDropDestination destination)
    {
        var international = destination.NeedsCustoms;
        var packages = v.Array(item, "packages");
        var anyContents = false;
        for (var i = 0; packages is not null && i < packages.Count; i++)
        {
            var p = $"packages[{i}].";
            if (packages[i] is not JsonObject package)
            {
                errors.Add(new(InvalidValue, $"packages[{i}] must be an object.", [($"packages[{i}]", null)]));
                continue;
            }
            v.Integer(package, "weightInGrams", 1, 30000, required: true, prefix: p);
            v.Enum(package, "packageFormatIdentifier", PackageFormats, required: true, prefix: p);
            if (v.Object(package, "dimensions", prefix: p) is { } dimensions)
            {
                v.Integer(dimensions, "heightInMms", 1, int.MaxValue, required: true, prefix: p + "dimensions.");
                v.Integer(dimensions, "widthInMms", 1, int.MaxValue, required: true, prefix: p + "dimensions.");
                v.Integer(dimensions, "depthInMms", 1, int.MaxValue, required: true, prefix: p + "dimensions.");
            }
            var contents = v.Array(package, "contents", prefix: p);
            for (var j = 0; contents is not null && j < contents.Count; j++)
            {
                var c = $"{p}contents[{j}].";
                if (contents[j] is not JsonObject line)
                {
                    errors.Add(new(InvalidValue, $"{c.TrimEnd('.')} must be an object.", [(c.TrimEnd('.'), null)]));
                    continue;
                }
                anyContents = true;
                v.Integer(line, "quantity", 1, 999999, required: true, prefix: c);
                v.String(line, "name", 800, prefix: c);
                v.String(line, "SKU", 100, prefix: c);
                v.Number(line, "unitValue", 0, 999999, required: international, prefix: c);
                v.Integer(line, "unitWeightInGrams", 0, 999999, required: international, prefix: c);
                v.String(line, "customsDescription", 50, required: international, prefix: c);
                v.String(line, "extendedCustomsDescription", 300, prefix: c);
                v.String(line, "customsCode", 10, prefix: c);
                v.String(line, "originCountryCode", 3, required: international, prefix: c);
                v.Enum(line, "customsDeclarationCategory", CustomsCategories, prefix: c);
            }
        }
        if (international && !anyContents)
            errors.Add(new(CustomsRequired, $"Contents with customs data are required for destination {destination.CountryCode}.", [("packages[0].contents", null)]));
    }

    /// <summary>
    /// The spec: "Mandatory for Business senders on orders shipping from Great Britain to Northern Ireland". The error
    /// the live API gives when it is missing (code, per item or whole request) is UNCONFIRMED; this one is per item.
    /// </summary>
    private static void NorthernIrelandBusinessFlag(ClickAndDropFieldChecker v, List<ClickAndDropValidationError> errors, JsonObject item,
        ClickAndDropDestination destination, ClickAndDropValidationContext context)
    {
        var required = destination.IsNorthernIreland && context.NorthernIrelandRule switch
        {
            ClickAndDropNorthernIrelandRule.RequiredForAll => true,
            ClickAndDropNorthernIrelandRule.RequiredForBusinessSenders => context.BusinessSender,
            _ => false,
        };
        if (item["isRecipientABusiness"] is null && required)
            errors.Add(new(Required, "isRecipientABusiness is required for business senders on orders from Great Britain to Northern Ireland.",
                [("isRecipientABusiness", null)]));
        else
            v.Boolean(item, "isRecipientABusiness");
    }
}
