using Fulfilment.Connections;
using Fulfilment.Partners;

namespace Fulfilment.Carriers.ClickAndDrop;

/// <summary>What a Click &amp; Drop carrier account holds, and how the carrier reads it.</summary>
public static class ClickAndDropAccount
{
    public const string ApiKey = "apiKey";
    public const string OnlineBusinessAccount = "onlineBusinessAccount";
    public const string IossNumber = "iossNumber";

    public static readonly IReadOnlyList<PartnerField> Fields =
    [
        new(ApiKey, "the API key from Click & Drop Settings → Integrations → Click & Drop API", Required: true, Secret: true, MaxLength: 1000),
        PartnerField.Flag(OnlineBusinessAccount, "true for an Online Business Account: labels can then be fetched through the API"),
        new(IossNumber, "the account's IOSS number, sent with consignments to the EU", MaxLength: 20,
            Check: v => v.All(char.IsAsciiLetterOrDigit) ? null : "must be letters and digits (e.g. IM2760000742)"),
    ];

    /// <summary>Click &amp; Drop's packageFormatIdentifier values (its API's enumeration).</summary>
    public static readonly IReadOnlyList<string> PackageFormats =
        ["letter", "largeLetter", "smallParcel", "mediumParcel", "largeParcel", "parcel", "documents", "undefined"];

    /// <summary>Service codes are account-specific (e.g. TRM24, OLP1): Click &amp; Drop checks them; we check the shape.</summary>
    public static readonly PartnerField ServiceCode = new("serviceCode", "a Click & Drop service code of the account, such as TRM24 or OLP1",
        Required: true, MaxLength: 10, Check: v => v.All(char.IsAsciiLetterOrDigit) ? null : "must be letters and digits");

    /// <summary>
    /// The account's trading name and IOSS number, as the mapper adds them to each order, and whether its orders ask for
    /// their label in the create response (<paramref name="labelInCreateResponse"/>, and only Online Business Accounts get labels).
    /// </summary>
    public static ClickAndDropOrderDefaults OrderDefaultsOf(CarrierAccount account, bool labelInCreateResponse = false) =>
        new(account.TradingName, account.Setting(IossNumber) is { } ioss && !string.IsNullOrWhiteSpace(ioss) ? ioss.Trim() : null,
            labelInCreateResponse && GivesLabels(account));

    /// <summary>Only Online Business Accounts get labels through the API; others print them in Click &amp; Drop.</summary>
    public static bool GivesLabels(CarrierAccount account) => account.Flag(OnlineBusinessAccount);

    public static ClickAndDropCredential CredentialOf(CarrierAccount account) =>
        new(account.Id, account.Credential(ApiKey) ?? throw ClickAndDropException.MissingCredential(account.Id));
}
