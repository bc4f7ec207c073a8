using System.Globalization;
using Microsoft.AspNetCore.Http;
using Sandbox.BigCommerce.State;

namespace Sandbox.BigCommerce.Api;

/// <summary>The filters and sort of GET /v2/orders and /v2/orders/count.</summary>
internal static class V2OrderListing
{
    /// <summary>
    /// Like the real API, a filter whose value cannot be read is silently ignored (all orders come back). Date filters
    /// compare whole seconds and are inclusive at both ends (UNCONFIRMED for BigCommerce).
    /// </summary>
    public static IEnumerable<SimOrder> Filter(IEnumerable<SimOrder> orders, IQueryCollection q)
    {
        if (int.TryParse(q["status_id"], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
            orders = orders.Where(o => o.StatusId == status);
        if (long.TryParse(q["min_id"], NumberStyles.None, CultureInfo.InvariantCulture, out var minId))
            orders = orders.Where(o => o.Id >= minId);
        if (long.TryParse(q["max_id"], NumberStyles.None, CultureInfo.InvariantCulture, out var maxId))
            orders = orders.Where(o => o.Id <= maxId);
        if (SimDates.TryParse(q["min_date_created"], out var minCreated))
            orders = orders.Where(o => o.Created >= minCreated);
        if (SimDates.TryParse(q["max_date_created"], out var maxCreated))
            orders = orders.Where(o => o.Created <= maxCreated);
        if (SimDates.TryParse(q["min_date_modified"], out var minModified))
            orders = orders.Where(o => o.Modified >= minModified);
        if (SimDates.TryParse(q["max_date_modified"], out var maxModified))
            orders = orders.Where(o => o.Modified <= maxModified);
        return orders;
    }

    /// <summary><c>sort=field:asc|desc</c> over id, date_created, date_modified or status_id (default id:asc); ties by the store's tie order.</summary>
    public static IEnumerable<SimOrder> Sort(IEnumerable<SimOrder> orders, string? sort, BigCommerceTieOrder ties)
    {
        var parts = (sort ?? "").Split(':');
        var descending = parts.Length > 1 && parts[1].Equals("desc", StringComparison.OrdinalIgnoreCase);
        Func<SimOrder, IComparable> key = parts[0] switch
        {
            "date_created" => o => o.Created,
            "date_modified" => o => o.Modified,
            "status_id" => o => o.StatusId,
            _ => o => o.Id,
        };
        var sorted = descending ? orders.OrderByDescending(key) : orders.OrderBy(key);
        return ties == BigCommerceTieOrder.IdAscending ? sorted.ThenBy(o => o.Id) : sorted.ThenByDescending(o => o.Id);
    }
}
