namespace Fulfilment.Shipping;

/// <summary>
/// Maps a channel shipping method (as the customer chose it) to a carrier account, service and package format.
/// ConnectionId "*" applies to every connection; a connection's own mapping wins.
/// </summary>
public sealed record ShippingMapping
{
    public const string AnyConnection = "*";

    public required string ConnectionId { get; init; }
    public required string ShippingMethod { get; init; }
    public required string Carrier { get; init; }
    public required string CarrierAccountId { get; init; }
    public required string ServiceCode { get; init; }
    public required string PackageFormat { get; init; }

    /// <summary>Shipping method names are matched case- and space-insensitively.</summary>
    public static string NormaliseMethod(string method) => string.Join(' ', method.Trim().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
