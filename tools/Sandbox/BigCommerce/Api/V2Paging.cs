using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Sandbox.BigCommerce.Api;

/// <summary>
/// Page-number paging as every v2 list does it: <c>page</c> (default 1) and <c>limit</c> (default 50, at most 250; a
/// larger one is cut to 250, UNCONFIRMED whether BigCommerce cuts or refuses). An unreadable value is ignored.
/// </summary>
internal static class V2Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 250;

    public static List<T> Slice<T>(IEnumerable<T> items, IQueryCollection query)
    {
        var page = int.TryParse(query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;
        var limit = int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) && l > 0 ? Math.Min(l, MaxLimit) : DefaultLimit;
        return items.Skip((int)Math.Min(int.MaxValue, (long)(page - 1) * limit)).Take(limit).ToList();
    }
}
