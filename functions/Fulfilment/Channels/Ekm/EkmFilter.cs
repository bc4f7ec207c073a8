using System.Globalization;

namespace Fulfilment.Channels.Ekm;

/// <summary>
/// Builds the OData-style <c>query</c> of EKM's search endpoints. Dates are quoted ISO 8601 UTC with every digit, so
/// a position compares exactly (the date-filter syntax is UNCONFIRMED: EKM's docs show only string equality).
/// </summary>
public static class EkmFilter
{
    /// <summary>A quoted string literal; a quote inside is doubled.</summary>
    public static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    public static string Date(DateTimeOffset value) => Quote(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));

    /// <summary>Orders in <paramref name="status"/> (order-JSON form), paid, and placed at or after <paramref name="createdSince"/>.</summary>
    public static string Eligible(string status, DateTimeOffset createdSince) =>
        $"status eq {Quote(status)} and payment_status eq 'SUCCESS' and order_date ge {Date(createdSince)}";

    /// <summary>
    /// Orders strictly after a keyset position on <paramref name="field"/> (ties broken by id); with no id, at or
    /// after the time. Orders never changed have a null last_updated, so each field is read in its own stream.
    /// </summary>
    public static string After(string field, DateTimeOffset at, long? afterId) => afterId is { } id
        ? $"({field} gt {Date(at)} or ({field} eq {Date(at)} and id gt {id.ToString(CultureInfo.InvariantCulture)}))"
        : $"{field} ge {Date(at)}";
}
