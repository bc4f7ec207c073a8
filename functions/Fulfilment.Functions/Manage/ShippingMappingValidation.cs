using Fulfilment.Shipping;

namespace Fulfilment.Functions.Manage;

/// <summary>A shipping mapping as an operator sends it; connectionId defaults to "*" (every connection).</summary>
public sealed record ShippingMappingInput(string? ConnectionId, string? ShippingMethod, string? Carrier, string? CarrierAccountId,
    string? ServiceCode, string? PackageFormat);

/// <summary>
/// Checks a mapping before it is stored, so a typo is refused here rather than parking orders later. The carrier must be
/// registered, the account must exist and belong to that carrier.
/// </summary>
public static class ShippingMappingValidation
{
    /// <summary>
    /// Click &amp; Drop's packageFormatIdentifier values (its API's enumeration). Kept here as a small copy: the Click &amp;
    /// Drop folder owns the carrier and may later expose the list itself, at which point this should use it.
    /// </summary>
    public static readonly IReadOnlyList<string> ClickAndDropPackageFormats =
        ["letter", "largeLetter", "smallParcel", "mediumParcel", "largeParcel", "parcel", "documents", "undefined"];

    public const string ClickAndDropCarrier = "ClickAndDrop";
    public const int MaxLength = 200;

    /// <summary>
    /// Returns the mapping to store (carrier and package format in their canonical spelling) or the errors.
    /// <paramref name="accountCarrier"/> gives the carrier of an existing account id, or null when there is no such account.
    /// </summary>
    public static (ShippingMapping? Mapping, IReadOnlyList<string> Errors) Validate(ShippingMappingInput input,
        IReadOnlyCollection<string> registeredCarriers, Func<string, string?> accountCarrier)
    {
        var errors = new List<string>();
        var connectionId = Clean(input.ConnectionId) ?? ShippingMapping.AnyConnection;
        var method = Clean(input.ShippingMethod);
        var carrier = Clean(input.Carrier);
        var accountId = Clean(input.CarrierAccountId);
        var service = Clean(input.ServiceCode);
        var format = Clean(input.PackageFormat);

        if (connectionId.Length > MaxLength) errors.Add($"connectionId is longer than {MaxLength} characters");
        if (method is null) errors.Add("shippingMethod is required");
        else if (method.Length > MaxLength) errors.Add($"shippingMethod is longer than {MaxLength} characters");
        if (service is null) errors.Add("serviceCode is required");
        else if (service.Length > MaxLength) errors.Add($"serviceCode is longer than {MaxLength} characters");
        if (format is null) errors.Add("packageFormat is required");

        string? canonicalCarrier = null;
        if (carrier is null)
            errors.Add("carrier is required");
        else if ((canonicalCarrier = registeredCarriers.FirstOrDefault(c => string.Equals(c, carrier, StringComparison.OrdinalIgnoreCase))) is null)
            errors.Add($"carrier '{carrier}' is not registered; registered carriers: {string.Join(", ", registeredCarriers.Order(StringComparer.Ordinal))}");

        if (accountId is null)
            errors.Add("carrierAccountId is required");
        else if (accountCarrier(accountId) is not { } ownerCarrier)
            errors.Add($"carrier account '{accountId}' does not exist; create it first (PUT .../carrier-accounts/{accountId})");
        else if (canonicalCarrier is not null && !string.Equals(ownerCarrier, canonicalCarrier, StringComparison.OrdinalIgnoreCase))
            errors.Add($"carrier account '{accountId}' belongs to {ownerCarrier}, not {canonicalCarrier}");

        if (format is not null && string.Equals(canonicalCarrier, ClickAndDropCarrier, StringComparison.OrdinalIgnoreCase))
        {
            var known = ClickAndDropPackageFormats.FirstOrDefault(f => string.Equals(f, format, StringComparison.OrdinalIgnoreCase));
            if (known is null)
                errors.Add($"packageFormat '{format}' is not a Click & Drop package format; use one of {string.Join(", ", ClickAndDropPackageFormats)}");
            else
                format = known;
        }

        if (errors.Count > 0)
            return (null, errors);
        return (new ShippingMapping
        {
            ConnectionId = connectionId,
            ShippingMethod = method!,
            Carrier = canonicalCarrier!,
            CarrierAccountId = accountId!,
            ServiceCode = service!,
            PackageFormat = format!,
        }, []);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
