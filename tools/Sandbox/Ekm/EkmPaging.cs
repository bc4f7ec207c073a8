using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Sandbox.Ekm;

/// <summary>
/// The <c>page</c> and <c>limit</c> query parameters. The spec says "maximum 20"; what the real API does with more
/// (refuse or clamp) is UNCONFIRMED, and the simulator refuses with a 400 so a client asking for more is caught.
/// </summary>
internal sealed record EkmPaging(int Page, int Limit)
{
    public const int MaxLimit = 20;

    /// <summary>Reads page (default 1) and limit (default <paramref name="defaultLimit"/>), or says why they are invalid.</summary>
    public static EkmPaging? Read(IQueryCollection query, int defaultLimit, out EkmResult? error)
    {
        error = null;
        if (!TryReadInt(query, "page", 1, out var page, out error) || !TryReadInt(query, "limit", defaultLimit, out var limit, out error))
            return null;
        if (page < 1)
        {
            error = EkmEnvelope.BadRequest("page", "The field page must be between 1 and 2147483647.");
            return null;
        }
        if (limit is < 1 or > MaxLimit)
        {
            error = EkmEnvelope.BadRequest("limit", $"The field limit must be between 1 and {MaxLimit}.");
            return null;
        }
        return new EkmPaging(page, limit);
    }

    private static bool TryReadInt(IQueryCollection query, string name, int fallback, out int value, out EkmResult? error)
    {
        error = null;
        value = fallback;
        if (!query.TryGetValue(name, out var raw) || string.IsNullOrEmpty(raw.ToString()))
            return true;
        if (int.TryParse(raw.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out value))
            return true;
        error = EkmEnvelope.BadRequest(name, $"The value '{raw}' is not valid for {name}.");
        return false;
    }
}
