using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sandbox.ClickAndDrop;

/// <summary>One reason an order item is refused, in the shape of the spec's CreateOrderErrorResponse.</summary>
public sealed record ClickAndDropValidationError(int ErrorCode, string ErrorMessage, IReadOnlyList<(string FieldName, string? Value)> Fields);

/// <summary>
/// Validates one CreateOrderRequest item like the spec: required fields, max lengths, ranges, enums, and customs data for
/// destinations outside the UK. Field names are JSON paths such as <c>packages[0].weightInGrams</c>.
/// </summary>
public static class ClickAndDropOrderValidator
{
    public const int Required = 1001, TooLong = 1002, OutOfRange = 1003, InvalidValue = 1004, CustomsRequired = 1005;

    public static readonly IReadOnlySet<string> PackageFormats = new HashSet<string>(StringComparer.Ordinal)
        { "undefined", "letter", "largeLetter", "smallParcel", "mediumParcel", "largeParcel", "parcel", "documents" };

    public static readonly IReadOnlySet<string> CustomsCategories = new HashSet<string>(StringComparer.Ordinal)
        { "none", "gift", "commercialSample", "documents", "other", "returnedGoods", "commercialSaleOfGoods", "eCommerceSaleOfGoods" };

    // The UK customs territory (and the codes people use for it); everything else needs customs data.
    private static readonly HashSet<string> Domestic = new(StringComparer.OrdinalIgnoreCase) { "GB", "UK", "GBR", "IM" };

    public static IReadOnlyList<ClickAndDropValidationError> Validate(JsonObject item)
    {
        var errors = new List<ClickAndDropValidationError>();
        var v = new Checker(errors);

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

        var recipient = v.Object(item, "recipient", required: true);
        string? country = null;
        if (recipient is not null)
        {
            v.String(recipient, "phoneNumber", 25, prefix: "recipient.");
            v.String(recipient, "emailAddress", 254, prefix: "recipient.");
            v.String(recipient, "addressBookReference", 100, prefix: "recipient.");
            var address = v.Object(recipient, "address", required: true, prefix: "recipient.");
            if (address is not null)
            {
                const string p = "recipient.address.";
                v.String(address, "fullName", 210, prefix: p);
                v.String(address, "companyName", 100, prefix: p);
                v.String(address, "addressLine1", 100, required: true, prefix: p);
                v.String(address, "addressLine2", 100, prefix: p);
                v.String(address, "addressLine3", 100, prefix: p);
                v.String(address, "city", 100, required: true, prefix: p);
                v.String(address, "county", 100, prefix: p);
                v.String(address, "postcode", 20, prefix: p);
                country = v.String(address, "countryCode", 3, required: true, prefix: p);
            }
        }

        if (v.Object(item, "sender") is { } sender)
        {
            v.String(sender, "tradingName", 250, prefix: "sender.");
            v.String(sender, "phoneNumber", 25, prefix: "sender.");
            v.String(sender, "emailAddress", 254, prefix: "sender.");
        }

        if (v.Object(item, "postageDetails") is { } postage)
        {
            v.String(postage, "serviceCode", 10, prefix: "postageDetails.");
            v.String(postage, "carrierName", 100, prefix: "postageDetails.");
            v.Enum(postage, "sendNotificationsTo", new HashSet<string> { "sender", "recipient", "billing" }, prefix: "postageDetails.");
            v.String(postage, "safePlace", 90, prefix: "postageDetails.");
        }

        if (v.Object(item, "label") is { } label
            && !(label["includeLabelInResponse"] is JsonValue include && include.GetValueKind() is JsonValueKind.True or JsonValueKind.False))
            errors.Add(new(Required, "label.includeLabelInResponse is required (true or false).", [("label.includeLabelInResponse", null)]));

        var international = !string.IsNullOrWhiteSpace(country) && !Domestic.Contains(country);
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
            errors.Add(new(CustomsRequired, $"Contents with customs data are required for destination {country}.", [("packages[0].contents", null)]));

        return errors;
    }

    /// <summary>Small helpers that add an error and return the value when it is usable.</summary>
    private sealed class Checker(List<ClickAndDropValidationError> errors)
    {
        public string? String(JsonObject parent, string name, int max, bool required = false, string prefix = "")
        {
            var field = prefix + name;
            switch (parent[name])
            {
                case null:
                    if (required) errors.Add(new(Required, $"{field} is required.", [(field, null)]));
                    return null;
                case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                    var text = value.GetValue<string>();
                    if (required && string.IsNullOrWhiteSpace(text))
                        errors.Add(new(Required, $"{field} is required.", [(field, text)]));
                    else if (text.Length > max)
                        errors.Add(new(TooLong, $"{field} must be at most {max} characters.", [(field, text)]));
                    return text;
                case var other:
                    errors.Add(new(InvalidValue, $"{field} must be a string.", [(field, other.ToJsonString())]));
                    return null;
            }
        }

        public void Enum(JsonObject parent, string name, IReadOnlySet<string> allowed, bool required = false, string prefix = "")
        {
            var text = String(parent, name, int.MaxValue, required, prefix);
            if (text is not null && !allowed.Contains(text))
                errors.Add(new(InvalidValue, $"{prefix + name} must be one of {string.Join(", ", allowed)}.", [(prefix + name, text)]));
        }

        public void Number(JsonObject parent, string name, decimal min, decimal max, bool required = false, string prefix = "")
        {
            var field = prefix + name;
            switch (parent[name])
            {
                case null:
                    if (required) errors.Add(new(Required, $"{field} is required.", [(field, null)]));
                    return;
                case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                    var number = value.GetValue<decimal>();
                    if (number < min || number > max)
                        errors.Add(new(OutOfRange, $"{field} must be between {min} and {max}.", [(field, number.ToString(CultureInfo.InvariantCulture))]));
                    return;
                case var other:
                    errors.Add(new(InvalidValue, $"{field} must be a number.", [(field, other.ToJsonString())]));
                    return;
            }
        }

        public void Integer(JsonObject parent, string name, long min, long max, bool required = false, string prefix = "")
        {
            var field = prefix + name;
            switch (parent[name])
            {
                case null:
                    if (required) errors.Add(new(Required, $"{field} is required.", [(field, null)]));
                    return;
                case JsonValue value when value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var number):
                    if (number < min || number > max)
                        errors.Add(new(OutOfRange, $"{field} must be between {min} and {max}.", [(field, number.ToString(CultureInfo.InvariantCulture))]));
                    return;
                case var other:
                    errors.Add(new(InvalidValue, $"{field} must be an integer.", [(field, other.ToJsonString())]));
                    return;
            }
        }

        public void DateTime(JsonObject parent, string name, bool required = false, string prefix = "")
        {
            var text = String(parent, name, int.MaxValue, required, prefix);
            if (text is not null && !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
                errors.Add(new(InvalidValue, $"{prefix + name} must be a date-time.", [(prefix + name, text)]));
        }

        public JsonObject? Object(JsonObject parent, string name, bool required = false, string prefix = "")
        {
            var field = prefix + name;
            switch (parent[name])
            {
                case null:
                    if (required) errors.Add(new(Required, $"{field} is required.", [(field, null)]));
                    return null;
                case JsonObject obj:
                    return obj;
                default:
                    errors.Add(new(InvalidValue, $"{field} must be an object.", [(field, null)]));
                    return null;
            }
        }

        public JsonArray? Array(JsonObject parent, string name, string prefix = "")
        {
            switch (parent[name])
            {
                case null:
                    return null;
                case JsonArray array:
                    return array;
                default:
                    errors.Add(new(InvalidValue, $"{prefix + name} must be an array.", [(prefix + name, null)]));
                    return null;
            }
        }
    }
}
