using System.Globalization;
using Fulfilment.Partners;

namespace Fulfilment.Channels.Ecomdash;

/// <summary>What an Ecomdash connection holds: the merchant's credentials and the connection's own settings.</summary>
public static class EcomdashConnectionFields
{
    public const string Currency = "currency";
    public const string Carriers = "carriers";
    public const string Warehouses = "warehouses";
    public const string DefaultWarehouse = "defaultWarehouse";
    public const string SyncQuantity = "syncQuantity";
    public const string SyncPrice = "syncPrice";

    public static readonly IReadOnlyList<PartnerField> Credentials =
    [
        new(EcomdashMerchant.EcdKeyField,
            "The merchant's ECD subscription key (ecomdash: Administration → Settings → Tools → API integration key, or the App Store app's key).",
            Required: true, Secret: true, MaxLength: 200),
        new(EcomdashMerchant.ApplicationIdField,
            "For ecomdash App Store subscriptions only: the app's application id, which must match the key.",
            MaxLength: 100),
    ];

    public static readonly IReadOnlyList<PartnerField> Settings =
    [
        new(Currency, "The currency of the merchant's order amounts, ISO 4217 (default GBP): Ecomdash orders do not say.",
            MaxLength: 3, Check: v => v.Length == 3 && v.All(char.IsAsciiLetter) ? null : "must be a three-letter currency code such as GBP"),
        new(Carriers, "Our carrier names to Ecomdash carriers (name or id from its carrier list), e.g. \"RoyalMail=Royal Mail;Ekart=Ekart Logistics\"; a carrier not listed is matched by name.",
            Check: v => Pairs.Parse(v) is null ? "must be Name=Value pairs separated by ';'" : null),
        new(Warehouses, "Our warehouse codes to Ecomdash warehouses (name or id), e.g. \"MAIN=ECD Warehouse;LEEDS=Leeds Overflow\"; a code not listed is matched by name.",
            Check: v => Pairs.Parse(v) is null ? "must be Code=Value pairs separated by ';'" : null),
        new(DefaultWarehouse, "The Ecomdash warehouse (name or id) that gets a product's total stock when we keep no stock per warehouse for it (default: the account's default warehouse)."),
        PartnerField.Flag(SyncQuantity, "Push quantity on hand to Ecomdash (default true)."),
        PartnerField.Flag(SyncPrice, "Push prices to Ecomdash (default true)."),
    ];

    /// <summary>"A=B;C=D" as a case-insensitive map; null when it is not that shape.</summary>
    public static class Pairs
    {
        public static IReadOnlyDictionary<string, string>? Parse(string? text)
        {
            var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var pair in (text ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var equals = pair.IndexOf('=');
                if (equals <= 0 || equals == pair.Length - 1)
                    return null;
                result[pair[..equals].Trim()] = pair[(equals + 1)..].Trim();
            }
            return result;
        }
    }

    /// <summary>A flag setting, with its default when absent.</summary>
    public static bool Flag(Connections.ChannelConnection connection, string name, bool defaultValue) =>
        bool.TryParse(connection.Setting(name), out var value) ? value : defaultValue;

    public static string CurrencyOf(Connections.ChannelConnection connection) =>
        connection.Setting(Currency) is { Length: 3 } currency ? currency.ToUpper(CultureInfo.InvariantCulture) : "GBP";
}
