using System.Globalization;
using System.Runtime.CompilerServices;
using Fulfilment.Channels.BigCommerce.Dtos;

namespace Fulfilment.Channels.BigCommerce;

/// <summary>
/// Keyset reads over v2 orders, which page only by number: every request starts again at page 1 from the position's
/// whole second (<c>min_date_modified</c>, <c>sort=date_modified:asc</c>) and drops what is at or before the position,
/// so an order leaving or joining the result set between requests never shifts another out of view. Orders of the
/// seconds before a full page's last second are all on that page; a second that fills a page alone is read by id
/// (<c>min_date_modified</c> = <c>max_date_modified</c> = that second, <c>sort=id:asc</c>, <c>min_id</c>).
/// UNCONFIRMED: that BigCommerce's date filters compare whole seconds and are inclusive, as the simulator's are; and in
/// which order it lists orders of the same second, so every page is sorted here by (date_modified, id).
/// </summary>
internal sealed class BigCommerceOrderReader(BigCommerceClient client, int pageSize)
{
    private readonly int _limit = Math.Clamp(pageSize, 1, BigCommerceClient.MaxPageSize);

    /// <param name="isEligible">Defence in depth for filters BigCommerce might ignore: what it rejects is not returned, but the position still moves past it.</param>
    public async IAsyncEnumerable<ChannelOrderPage> ReadAsync(BigCommerceStore store, int statusId, OrderQuery query, Func<BcOrder, bool> isEligible,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = query.After;
        while (true)
        {
            var second = WholeSeconds(after.ModifiedAt);
            var orders = await client.ListOrdersAsync(store, new BigCommerceOrderQuery
            {
                StatusId = statusId,
                MinDateCreated = query.CreatedSince,
                MinDateModified = second,
                Sort = "date_modified:asc",
                Limit = _limit,
            }, cancellationToken);
            var listed = After(orders, after);
            if (orders.Count < _limit)
            {
                if (listed.Count > 0)
                    yield return Page(listed, isEligible);
                yield break;
            }

            var lastSecond = orders.Max(o => WholeSeconds(Listed.Of(o).Summary.ModifiedAt));
            if (lastSecond > second)
            {
                // Every order of the seconds before the page's last one is on this page; the last second may go on.
                var complete = listed.Where(o => o.Summary.ModifiedAt < lastSecond).ToList();
                if (complete.Count > 0)
                    yield return Page(complete, isEligible);
                after = OrderPosition.Max(after, OrderPosition.Before(lastSecond));
                continue;
            }

            // One second fills the page: read it by id, then go on from the next second.
            await foreach (var page in ReadSecondByIdAsync(store, statusId, query, second, after, isEligible, cancellationToken))
            {
                yield return page;
                after = page.Next;
            }
            after = OrderPosition.Max(after, OrderPosition.Before(second.AddSeconds(1)));
        }
    }

    private async IAsyncEnumerable<ChannelOrderPage> ReadSecondByIdAsync(BigCommerceStore store, int statusId, OrderQuery query,
        DateTimeOffset second, OrderPosition after, Func<BcOrder, bool> isEligible, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var minId = WholeSeconds(after.ModifiedAt) == second && long.TryParse(after.OrderId, NumberStyles.None, CultureInfo.InvariantCulture, out var afterId)
            ? afterId + 1
            : 0;
        while (true)
        {
            var orders = await client.ListOrdersAsync(store, new BigCommerceOrderQuery
            {
                StatusId = statusId,
                MinDateCreated = query.CreatedSince,
                MinDateModified = second,
                MaxDateModified = second,
                MinId = minId,
                Sort = "id:asc",
                Limit = _limit,
            }, cancellationToken);
            var listed = After(orders, after);
            if (listed.Count > 0)
            {
                var page = Page(listed, isEligible);
                after = page.Next;
                yield return page;
            }
            if (orders.Count < _limit)
                yield break;
            minId = orders.Max(o => o.Id) + 1;
        }
    }

    /// <summary>What is strictly after the position, in ascending position whatever order BigCommerce listed it in.</summary>
    private static List<Listed> After(IReadOnlyList<BcOrder> orders, OrderPosition after) =>
        orders.Select(Listed.Of).Where(o => o.Summary.Position.CompareTo(after) > 0).OrderBy(o => o.Summary.Position).ToList();

    private static ChannelOrderPage Page(List<Listed> listed, Func<BcOrder, bool> isEligible) =>
        new(listed.Where(o => isEligible(o.Order)).Select(o => o.Summary).ToList(), listed[^1].Summary.Position);

    private static DateTimeOffset WholeSeconds(DateTimeOffset t) => t.AddTicks(-(t.Ticks % TimeSpan.TicksPerSecond));

    /// <summary>An order's summary as a listing gives it (keeping the order for <c>GetOrderAsync</c>).</summary>
    internal static ChannelOrderSummary SummaryOf(BcOrder order) => Listed.Of(order).Summary;

    /// <summary>A listed order with its summary (which keeps the listing record for <c>GetOrderAsync</c>).</summary>
    private sealed record Listed(BcOrder Order, ChannelOrderSummary Summary)
    {
        public static Listed Of(BcOrder order) => new(order, new ChannelOrderSummary(order.Id.ToString(CultureInfo.InvariantCulture), ModifiedAt(order))
        {
            ChannelState = order,
        });

        // An order whose date cannot be read sorts first and is dropped as already passed: v2 always writes RFC-2822.
        private static DateTimeOffset ModifiedAt(BcOrder order) =>
            BigCommerceDates.TryParse(order.DateModified ?? order.DateCreated, out var modified) ? modified : DateTimeOffset.MinValue;
    }
}
