namespace Fulfilment.Orders;

/// <summary>A postal address in our canonical form. CountryCode is ISO 3166-1 alpha-2.</summary>
public sealed record Address
{
    public string? FullName { get; init; }
    public string? CompanyName { get; init; }
    public required string Line1 { get; init; }
    public string? Line2 { get; init; }
    public string? Line3 { get; init; }
    public required string City { get; init; }
    public string? County { get; init; }
    public string? Postcode { get; init; }
    public required string CountryCode { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
}
