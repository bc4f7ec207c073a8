using Fulfilment.Carriers;

namespace Fulfilment.Shipping;

/// <summary>A shipping mapping as an operator sends it; connectionId defaults to "*" (every connection).</summary>
public sealed record ShippingMappingInput(string? ConnectionId, string? ShippingMethod, string? Carrier, string? CarrierAccountId,
    string? ServiceCode, string? PackageFormat);

/// <summary>
/// Checks a mapping before it is stored, so a typo is refused here rather than parking orders later. The carrier must be
/// registered, the account must exist and belong to that carrier, and the service code and package format must be ones
/// the carrier's own descriptor accepts.
/// </summary>
public static class ShippingMappingValidation
{
    public const int MaxLength = 200;

    /// <summary>
    /// Returns the mapping to store (carrier and package format in their canonical spelling) or the errors.
    /// <paramref name="accountCarrier"/> gives the carrier of an existing account id, or null when there is no such account.
    /// </summary>
    public static (ShippingMapping? Mapping, IReadOnlyList<string> Errors) Validate(ShippingMappingInput input,
        IReadOnlyCollection<CarrierDescriptor> carriers, Func<string, string?> accountCarrier)
    {
        var errors = new List<string>();
        var connectionId = Clean(input.ConnectionId) ?? ShippingMapping.AnyConnection;
        var method = Clean(input.ShippingMethod);
        var carrierName = Clean(input.Carrier);
        var accountId = Clean(input.CarrierAccountId);
        var service = Clean(input.ServiceCode);
        var format = Clean(input.PackageFormat);

        if (connectionId.Length > MaxLength) errors.Add($"connectionId is longer than {MaxLength} characters");
        if (method is null) errors.Add("shippingMethod is required");
        else if (method.Length > MaxLength) errors.Add($"shippingMethod is longer than {MaxLength} characters");
        if (service is null) errors.Add("serviceCode is required");
        if (format is null) errors.Add("packageFormat is required");

        CarrierDescriptor? carrier = null;
        if (carrierName is null)
            errors.Add("carrier is required");
        else if ((carrier = carriers.FirstOrDefault(c => string.Equals(c.Name, carrierName, StringComparison.OrdinalIgnoreCase))) is null)
            errors.Add($"carrier '{carrierName}' is not registered; registered carriers: {string.Join(", ", carriers.Select(c => c.Name).Order(StringComparer.Ordinal))}");

        if (accountId is null)
            errors.Add("carrierAccountId is required");
        else if (accountCarrier(accountId) is not { } ownerCarrier)
            errors.Add($"carrier account '{accountId}' does not exist; create it first (PUT .../carrier-accounts/{accountId})");
        else if (carrier is not null && !string.Equals(ownerCarrier, carrier.Name, StringComparison.OrdinalIgnoreCase))
            errors.Add($"carrier account '{accountId}' belongs to {ownerCarrier}, not {carrier.Name}");

        if (carrier is not null)
        {
            if (service is not null && ServiceCodeProblem(carrier, service) is { } problem)
                errors.Add($"serviceCode {problem} ({carrier.ServiceCode.Description})");
            if (format is not null)
            {
                var known = carrier.PackageFormats.FirstOrDefault(f => string.Equals(f, format, StringComparison.OrdinalIgnoreCase));
                if (known is null)
                    errors.Add($"packageFormat '{format}' is not a {carrier.Name} package format; use one of {string.Join(", ", carrier.PackageFormats)}");
                else
                    format = known;
            }
        }

        if (errors.Count > 0)
            return (null, errors);
        return (new ShippingMapping
        {
            ConnectionId = connectionId,
            ShippingMethod = method!,
            Carrier = carrier!.Name,
            CarrierAccountId = accountId!,
            ServiceCode = service!,
            PackageFormat = format!,
        }, []);
    }

    private static string? ServiceCodeProblem(CarrierDescriptor carrier, string service) =>
        service.Length > carrier.ServiceCode.MaxLength
            ? $"is longer than {carrier.ServiceCode.MaxLength} characters"
            : carrier.ServiceCode.Check?.Invoke(service);

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
