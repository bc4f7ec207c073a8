using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Sandbox.Ekart;

/// <summary>
/// Validates a source, destination or return_location: either <c>{location_code}</c> (one of the merchant's registered
/// codes, at most 120 characters) or <c>{address:{…}}</c> with an Indian 6-digit pincode and a 10-digit phone number.
/// Durin's own messages are used where integrators have published them; the rest are the simulator's wording.
/// </summary>
internal static partial class EkartLocationValidator
{
    public const string BothNull = "Location code and Address both are null";
    public const string CodeTooLong = "Location code exceeds maximum allowed length - 120";

    // Integrators report Durin answering 400 for address lines over 255 characters and for non-ASCII names/addresses.
    private const int MaxAddressLine = 255;
    private static readonly string[] Required = ["first_name", "address_line1", "pincode", "city", "state", "primary_contact_number"];
    private static readonly string[] AsciiOnly = ["first_name", "address_line1", "address_line2", "city", "state"];

    /// <summary>Adds what is wrong with <paramref name="location"/> to <paramref name="errors"/>; returns the place when valid.</summary>
    public static EkartPlace? Validate(JsonObject location, string role, EkartMerchantState merchant, List<string> errors)
    {
        var code = EkartJson.Text(location["location_code"], "location_code")?.Trim();
        var address = EkartJson.Object(location, "address");
        if (string.IsNullOrEmpty(code) && address is null)
        {
            errors.Add(BothNull);
            return null;
        }
        if (!string.IsNullOrEmpty(code))
        {
            if (code.Length > 120) { errors.Add(CodeTooLong); return null; }
            if (!merchant.LocationCodes.Contains(code)) { errors.Add($"Invalid location code {code}"); return null; }
            // A registered warehouse: the simulator places every one in Bengaluru.
            return new EkartPlace(code, "Bengaluru", "Karnataka", "560001", code, "");
        }
        return ValidateAddress(address!, role, errors);
    }

    private static EkartPlace? ValidateAddress(JsonObject address, string role, List<string> errors)
    {
        var before = errors.Count;
        string Field(string name) => EkartJson.Text(address[name], name)?.Trim() ?? "";

        foreach (var name in Required)
            if (Field(name).Length == 0)
                errors.Add($"{role}.address.{name} is null or empty");
        foreach (var name in new[] { "address_line1", "address_line2" })
            if (Field(name).Length > MaxAddressLine)
                errors.Add($"{role}.address.{name} exceeds maximum allowed length - {MaxAddressLine}");
        foreach (var name in AsciiOnly)
            if (Field(name).Any(c => c > '~' || c < ' '))
                errors.Add($"{role}.address.{name} contains characters other than printable ASCII");

        var pincode = Field("pincode");
        if (pincode.Length > 0 && !Pincode().IsMatch(pincode))
            errors.Add($"Invalid pincode {pincode} in {role} address: must be 6 digits");
        var phone = Field("primary_contact_number");
        if (phone.Length > 0 && !Phone().IsMatch(phone))
            errors.Add($"Invalid primary_contact_number {phone} in {role} address: must be 10 digits");
        var email = Field("email_id");
        if (email.Length > 0 && !Email().IsMatch(email))
            errors.Add($"Invalid email_id {email} in {role} address");

        return errors.Count > before
            ? null
            : new EkartPlace(null, Field("city"), Field("state"), pincode, Field("address_line1"), Field("address_line2"));
    }

    // Indian PIN codes never start with 0.
    [GeneratedRegex("^[1-9][0-9]{5}$")]
    private static partial Regex Pincode();

    [GeneratedRegex("^[0-9]{10}$")]
    private static partial Regex Phone();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex Email();
}
