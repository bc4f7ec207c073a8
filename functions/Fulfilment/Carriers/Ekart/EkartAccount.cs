using System.Globalization;
using Fulfilment.Connections;
using Fulfilment.Partners;

namespace Fulfilment.Carriers.Ekart;

/// <summary>Which account a call is for. The Token is never logged: <see cref="ToString"/> leaves it out.</summary>
public sealed record EkartCredential(string AccountId, string MerchantCode, string Token)
{
    public override string ToString() => $"EkartCredential {{ AccountId = {AccountId}, MerchantCode = {MerchantCode} }}";
}

/// <summary>Where parcels are collected: a location code registered with Ekart, or the full address.</summary>
public sealed record EkartPickup(string? LocationCode, EkartPickupAddress? Address);

/// <summary>A pickup address as the account holds it (used when it has no location code).</summary>
public sealed record EkartPickupAddress(string Name, string Line1, string? Line2, string City, string State, string Pincode, string Phone, string? Email);

/// <summary>An Ekart account's settings, read once per call.</summary>
public sealed record EkartAccountSettings(string MerchantCode, EkartPickup Pickup, string? TradingName, string? Gstin, long TrackingIdFrom, long TrackingIdTo);

/// <summary>
/// What an Ekart carrier account holds (as EasyEcom's carrier master does: Merchant Code, Token, optional Location Code),
/// plus the webhook secret, the pickup address used without a location code, and the block of tracking-id numbers.
/// </summary>
public static class EkartAccount
{
    public const string MerchantCode = "merchantCode";
    public const string Token = "token";
    public const string LocationCode = "locationCode";
    public const string WebhookSecret = "webhookSecret";
    public const string PickupName = "pickupName";
    public const string PickupAddressLine1 = "pickupAddressLine1";
    public const string PickupAddressLine2 = "pickupAddressLine2";
    public const string PickupCity = "pickupCity";
    public const string PickupState = "pickupState";
    public const string PickupPincode = "pickupPincode";
    public const string PickupPhone = "pickupPhone";
    public const string PickupEmail = "pickupEmail";
    public const string Gstin = "gstin";
    public const string TrackingIdFrom = "trackingIdFrom";
    public const string TrackingIdTo = "trackingIdTo";

    /// <summary>The ten digits of a tracking id run up to this.</summary>
    public const long MaxTrackingNumber = 9_999_999_999;

    private static readonly string[] PickupRequired = [PickupName, PickupAddressLine1, PickupCity, PickupState, PickupPincode, PickupPhone];

    public static readonly IReadOnlyList<PartnerField> Fields =
    [
        new(MerchantCode, "the 3-character Merchant Code Ekart issued (also the start of every tracking id)", Required: true, MaxLength: 3,
            Check: v => v.Length == 3 && v.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c)) ? null : "must be 3 upper-case letters or digits"),
        new(Token, "the Token Ekart issued with the merchant code", Required: true, Secret: true, MaxLength: 2000),
        new(LocationCode, "the pickup location code registered with Ekart; without one, the pickup address below is sent", MaxLength: 120),
        new(WebhookSecret, "the secret Ekart's team signs tracking webhooks with (HMAC-SHA256 of the body)", Secret: true, MaxLength: 200,
            Check: v => v.Length >= 6 ? null : "must be at least 6 characters"),
        new(PickupName, "the pickup contact or business name", MaxLength: 100),
        new(PickupAddressLine1, "the pickup address, first line", MaxLength: 255),
        new(PickupAddressLine2, "the pickup address, second line", MaxLength: 255),
        new(PickupCity, "the pickup city", MaxLength: 100),
        new(PickupState, "the pickup state", MaxLength: 100),
        new(PickupPincode, "the pickup PIN code", MaxLength: 6, Check: v => IsPincode(v) ? null : "must be a 6-digit PIN code"),
        new(PickupPhone, "the pickup phone number (10 digits)", MaxLength: 15, Check: v => EkartPhone.Normalise(v) is null ? "must be a 10-digit Indian phone number" : null),
        new(PickupEmail, "the pickup e-mail address", MaxLength: 254, Check: v => v.Contains('@') ? null : "must be an e-mail address"),
        new(Gstin, "the seller's GSTIN, sent with each item", MaxLength: 15,
            Check: v => v.Length == 15 && v.All(char.IsAsciiLetterOrDigit) ? null : "must be the 15-character GSTIN"),
        new(TrackingIdFrom, "the first number of the tracking-id block Ekart assigned (default 1)", MaxLength: 10, Check: Digits),
        new(TrackingIdTo, "the last number of the tracking-id block Ekart assigned (default 9999999999)", MaxLength: 10, Check: Digits),
    ];

    /// <summary>Ekart's delivery_type values, used as package formats.</summary>
    public static readonly IReadOnlyList<string> PackageFormats = ["SMALL", "MEDIUM", "LARGE"];

    /// <summary>Ekart's service_code (REGULAR, ECONOMY…): Ekart checks the value; we check the shape.</summary>
    public static readonly PartnerField ServiceCode = new("serviceCode", "an Ekart service code, such as REGULAR or ECONOMY", Required: true, MaxLength: 20,
        Check: v => v.All(c => char.IsAsciiLetterUpper(c) || c == '_') ? null : "must be upper-case letters (e.g. REGULAR)");

    /// <summary>Rules across fields: a location code or a whole pickup address; a tracking-id block that is not empty.</summary>
    public static IReadOnlyList<string> Check(IReadOnlyDictionary<string, string> settings, IReadOnlyDictionary<string, string> credentials)
    {
        var errors = new List<string>();
        string? Value(string name) => settings.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v : null;
        if (Value(LocationCode) is null && PickupRequired.Where(f => Value(f) is null).ToList() is { Count: > 0 } missing)
            errors.Add($"give {LocationCode}, or a whole pickup address ({string.Join(", ", missing)} missing)");
        if (NumberOr(Value(TrackingIdFrom), 1) > NumberOr(Value(TrackingIdTo), MaxTrackingNumber))
            errors.Add($"{TrackingIdFrom} is above {TrackingIdTo}");
        if (NumberOr(Value(TrackingIdFrom), 1) < 1)
            errors.Add($"{TrackingIdFrom} must be at least 1");
        return errors;
    }

    public static EkartCredential CredentialOf(CarrierAccount account) => new(
        account.Id,
        account.Setting(MerchantCode) ?? throw EkartException.MissingCredential(account.Id, MerchantCode),
        account.Credential(Token) ?? throw EkartException.MissingCredential(account.Id, Token));

    public static EkartAccountSettings SettingsOf(CarrierAccount account)
    {
        string? Value(string name) => account.Setting(name) is { Length: > 0 } v ? v.Trim() : null;
        var address = Value(PickupName) is { } name && Value(PickupAddressLine1) is { } line1 && Value(PickupCity) is { } city
                      && Value(PickupState) is { } state && Value(PickupPincode) is { } pincode && Value(PickupPhone) is { } phone
            ? new EkartPickupAddress(name, line1, Value(PickupAddressLine2), city, state, pincode, EkartPhone.Normalise(phone) ?? phone, Value(PickupEmail))
            : null;
        return new EkartAccountSettings(
            Value(MerchantCode) ?? throw EkartException.MissingCredential(account.Id, MerchantCode),
            new EkartPickup(Value(LocationCode), address),
            account.TradingName,
            Value(Gstin),
            NumberOr(Value(TrackingIdFrom), 1),
            NumberOr(Value(TrackingIdTo), MaxTrackingNumber));
    }

    /// <summary>Indian PIN codes are 6 digits and never start with 0.</summary>
    public static bool IsPincode(string? value) => value is { Length: 6 } && value[0] != '0' && value.All(char.IsAsciiDigit);

    private static string? Digits(string value) => value.All(char.IsAsciiDigit) && value.Length is >= 1 and <= 10 ? null : "must be 1 to 10 digits";

    private static long NumberOr(string? value, long fallback) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : fallback;
}

/// <summary>Indian phone numbers as Ekart wants them: the 10 digits, without +91, 0 or spaces.</summary>
public static class EkartPhone
{
    public static string? Normalise(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return null;
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length == 12 && digits.StartsWith("91", StringComparison.Ordinal)) digits = digits[2..];
        else if (digits.Length == 11 && digits[0] == '0') digits = digits[1..];
        return digits.Length == 10 && digits[0] != '0' ? digits : null;
    }
}
