using System.Globalization;
using System.Runtime.CompilerServices;
using Fulfilment.Channels.Ekm.Dtos;
using Fulfilment.Connections;
using Microsoft.Extensions.Options;

namespace Fulfilment.Channels.Ekm;

/// <summary>
/// Keyset reads of a shop's eligible orders in ascending (modified, id) position, where "modified" is last_updated,
/// or order_date for an order never changed (last_updated null). No single EKM sort gives that order, so two searches
/// run side by side, one per kind, each by its own field with "after this position" in its filter (never page numbers
/// over a set that changes while we read), and their results are merged.
/// </summary>
public sealed class EkmOrderReader(EkmClient client, EkmSession session, IOptions<EkmOptions> options)
{
    public async IAsyncEnumerable<ChannelOrderPage> ReadAsync(ChannelConnection connection, OrderQuery query, string status,
        Func<EkmOrder, bool> isEligible, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(options.Value.PageSize, 1, EkmClient.MaxPageSize);
        var eligible = EkmFilter.Eligible(status, query.CreatedSince);
        var never = new Stream("order_date", $"last_updated eq null and {eligible}", query.After, limit);
        var changed = new Stream("last_updated", $"last_updated ne null and {eligible}", query.After, limit);
        var batch = new List<EkmOrder>();
        while (true)
        {
            await FillAsync(never, connection, cancellationToken);
            await FillAsync(changed, connection, cancellationToken);
            var from = never.Head is not { } a ? (changed.Head is null ? null : changed)
                : changed.Head is not { } b ? never
                : PositionOf(a).CompareTo(PositionOf(b)) <= 0 ? never : changed;
            if (from is null)
                break;
            batch.Add(from.Take());
            if (batch.Count == limit)
            {
                yield return PageOf(batch, isEligible);
                batch = [];
            }
        }
        if (batch.Count > 0)
            yield return PageOf(batch, isEligible);
    }

    public static OrderPosition PositionOf(EkmOrder order) => new(order.ModifiedAt, order.Id.ToString(CultureInfo.InvariantCulture));

    public static ChannelOrderSummary SummaryOf(EkmOrder order) =>
        new(order.Id.ToString(CultureInfo.InvariantCulture), order.ModifiedAt) { ChannelState = order };

    /// <summary>Every order read moves the position; only eligible ones are handed on (defence in depth over the filter).</summary>
    private static ChannelOrderPage PageOf(List<EkmOrder> batch, Func<EkmOrder, bool> isEligible) =>
        new(batch.Where(isEligible).Select(SummaryOf).ToList(), PositionOf(batch[^1]));

    private async Task FillAsync(Stream stream, ChannelConnection connection, CancellationToken cancellationToken)
    {
        if (stream.Head is not null || stream.Exhausted)
            return;
        var after = stream.After;
        long? afterId = long.TryParse(after.OrderId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        var filter = $"{stream.Filter} and {EkmFilter.After(stream.Field, after.ModifiedAt, afterId)}";
        var page = await session.CallAsync(connection, shop => client.SearchOrdersAsync(shop, filter, stream.Field, stream.Limit, 1, cancellationToken), cancellationToken);
        // Ties on the field keep id order (UNCONFIRMED for EKM; the simulator does): sort to be sure within the page.
        var orders = page.Items.Where(o => PositionOf(o).CompareTo(after) > 0).OrderBy(PositionOf).ToList();
        stream.Load(orders, exhausted: page.Items.Count < stream.Limit);
    }

    /// <summary>One of the two searches: a buffer of its latest page and where it has read up to.</summary>
    private sealed class Stream(string field, string filter, OrderPosition after, int limit)
    {
        private readonly Queue<EkmOrder> _buffer = new();

        public string Field { get; } = field;
        public string Filter { get; } = filter;
        public int Limit { get; } = limit;
        public OrderPosition After { get; private set; } = after;
        public bool Exhausted { get; private set; }
        public EkmOrder? Head => _buffer.TryPeek(out var head) ? head : null;

        public EkmOrder Take() => _buffer.Dequeue();

        public void Load(List<EkmOrder> orders, bool exhausted)
        {
            foreach (var order in orders)
                _buffer.Enqueue(order);
            if (orders.Count > 0)
                After = PositionOf(orders[^1]);
            // A full page that somehow added nothing new would loop: treat it as the end.
            Exhausted = exhausted || orders.Count == 0;
        }
    }
}
