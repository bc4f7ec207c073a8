namespace Fulfilment.Partners;

/// <summary>
/// One value a partner needs on a channel connection or a carrier account: a secret credential (stored encrypted,
/// never returned or logged) or a plain setting. Each partner lists its own; the management API validates against them.
/// </summary>
/// <param name="Name">The key in the API and in storage, camelCase (e.g. "apiKey", "locationCode").</param>
/// <param name="Description">What it is and where the merchant finds it, for error messages and docs.</param>
/// <param name="Check">Extra validation of a non-empty value: null when valid, else what is wrong (never quoting a secret).</param>
public sealed record PartnerField(
    string Name,
    string Description,
    bool Required = false,
    bool Secret = false,
    int MaxLength = 500,
    Func<string, string?>? Check = null)
{
    /// <summary>A yes/no setting stored as "true"/"false".</summary>
    public static PartnerField Flag(string name, string description) =>
        new(name, description, MaxLength: 5, Check: v => bool.TryParse(v, out _) ? null : "must be true or false");
}
