using Fulfilment.Channels;
using Fulfilment.Connections;
using Sandbox.BigCommerce;
using Xunit;

namespace Fulfilment.IntegrationTests.Channels.BigCommerce;

/// <summary>
/// Keyset reads over a result set that changes while we page: orders shipped, edited or moved between list requests
/// (scripted in the simulator after the Nth list call), seconds holding more orders than a page, and ties across page
/// boundaries in whatever order BigCommerce lists them.
/// </summary>
public class BigCommercePagingTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private static readonly DateTimeOffset Base = new(Now.Year, Now.Month, Now.Day, Now.Hour, 0, 0, TimeSpan.Zero);
    private static readonly OrderQuery FromTheStart = new(OrderPosition.Before(Base.AddDays(-2)), Base.AddDays(-7), "9");

    private static BigCommerceOrderSeed Eligible(DateTimeOffset modifiedAt) => new()
    {
        CreatedAt = modifiedAt.AddHours(-1),
        ModifiedAt = modifiedAt,
        Products = [new BigCommerceProductSeed { Sku = "MUG-BLUE" }],
    };

    /// <summary>Seeds orders modified at the given seconds before the hour (one per entry), returning their ids in seed order.</summary>
    private static List<long> Seed(BigCommerceHarness h, ChannelConnection c, IEnumerable<int> secondsAgo) =>
        secondsAgo.Select(s => h.Simulator.AddOrder(c.StoreId, Eligible(Base.AddSeconds(-s))).Id).ToList();

    /// <summary>Reads every page and checks what the contract promises of any read: ascending positions after the query's, each page's Next its last.</summary>
    private static async Task<List<string>> ReadAllAsync(BigCommerceHarness h, ChannelConnection c, OrderQuery query)
    {
        var read = new List<string>();
        var previous = query.After;
        await foreach (var page in h.Channel.ReadOrdersAsync(c, query, default))
        {
            foreach (var order in page.Orders)
            {
                Assert.True(order.Position.CompareTo(previous) > 0, $"order {order.ChannelOrderId} at {order.Position} came after {previous}");
                previous = order.Position;
                read.Add(order.ChannelOrderId);
            }
            Assert.True(page.Next.CompareTo(previous) >= 0, $"the page's Next {page.Next} is before its last order {previous}");
            previous = page.Next;
        }
        return read;
    }

    private static List<string> Ids(IEnumerable<long> ids) => ids.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();

    [Fact]
    public async Task An_order_shipped_after_the_first_page_hides_none_of_the_119_others()
    {
        await using var h = await BigCommerceHarness.StartAsync(pageSize: 50);
        var c = h.NewStore();
        var ids = Seed(h, c, Enumerable.Range(0, 120).Select(i => 3600 - i * 10));
        h.Simulator.AfterListRequest(c.StoreId, 1, new BigCommerceOrderChange(ids[10], BigCommerceOrderChangeKind.Ship));

        var read = await ReadAllAsync(h, c, FromTheStart);

        // The shipped order may have been read before it left; every other one is read exactly once, in order.
        var shipped = Ids([ids[10]])[0];
        Assert.Equal(Ids(ids.Where(id => id != ids[10])), read.Where(id => id != shipped));
        Assert.True(read.Count(id => id == shipped) <= 1);
        Assert.Equal(2, h.Simulator.GetOrderStatus(c.StoreId, ids[10]));
    }

    [Fact]
    public async Task Orders_leaving_after_each_page_hide_nothing_even_when_all_share_one_second()
    {
        await using var h = await BigCommerceHarness.StartAsync(pageSize: 50);
        var c = h.NewStore();
        var ids = Seed(h, c, Enumerable.Repeat(600, 120));
        // After each of the first pages one already-read order ships and one not yet read is cancelled.
        h.Simulator.AfterListRequest(c.StoreId, 1, new BigCommerceOrderChange(ids[3], BigCommerceOrderChangeKind.Ship),
            new BigCommerceOrderChange(ids[70], BigCommerceOrderChangeKind.SetStatus, 5));
        h.Simulator.AfterListRequest(c.StoreId, 2, new BigCommerceOrderChange(ids[4], BigCommerceOrderChangeKind.Ship));
        h.Simulator.AfterListRequest(c.StoreId, 3, new BigCommerceOrderChange(ids[60], BigCommerceOrderChangeKind.Ship));

        var read = await ReadAllAsync(h, c, FromTheStart);

        // Those that left may or may not have been read first; every order that stayed is read, and none twice.
        var left = Ids([ids[3], ids[4], ids[60], ids[70]]);
        Assert.Equal(Ids(ids).Except(left), read.Except(left));
        Assert.Equal(read.Count, read.Distinct().Count());
    }

    [Fact]
    public async Task Orders_edited_while_we_page_are_read_once_more_at_their_new_position()
    {
        await using var h = await BigCommerceHarness.StartAsync(pageSize: 50);
        var c = h.NewStore();
        var ids = Seed(h, c, Enumerable.Range(0, 120).Select(i => 3600 - i * 10));
        // One already read (page 1) and one not read yet are edited by the merchant: both move to now.
        h.Simulator.AfterListRequest(c.StoreId, 1, new BigCommerceOrderChange(ids[5], BigCommerceOrderChangeKind.Edit),
            new BigCommerceOrderChange(ids[100], BigCommerceOrderChangeKind.Edit));

        var read = await ReadAllAsync(h, c, FromTheStart);

        Assert.Equal(Ids(ids.Where(id => id != ids[100])).Concat(Ids([ids[5], ids[100]])), read);
    }

    [Fact]
    public async Task Every_order_of_a_second_holding_more_than_a_page_is_read_once()
    {
        await using var h = await BigCommerceHarness.StartAsync(pageSize: 50);
        var c = h.NewStore();
        var before = Seed(h, c, [900, 800]);
        var crowded = Seed(h, c, Enumerable.Repeat(700, 130));
        var after = Seed(h, c, [600, 500]);

        var read = await ReadAllAsync(h, c, FromTheStart);

        Assert.Equal(Ids(before.Concat(crowded).Concat(after)), read);
    }

    [Fact]
    public async Task Ties_across_page_boundaries_come_once_in_ascending_position_whatever_order_bigcommerce_lists_them_in()
    {
        await using var h = await BigCommerceHarness.StartAsync(pageSize: 50);
        var c = h.NewStore();
        h.Simulator.SetTieOrder(c.StoreId, BigCommerceTieOrder.IdDescending);
        // Seconds of 30, 45, 50, 80 and 5 orders: page boundaries fall inside seconds and one second fills a page alone.
        var ids = Seed(h, c, new[] { (900, 30), (800, 45), (700, 50), (600, 80), (500, 5) }.SelectMany(s => Enumerable.Repeat(s.Item1, s.Item2)));

        var read = await ReadAllAsync(h, c, FromTheStart);

        Assert.Equal(Ids(ids), read);
    }

    [Fact]
    public async Task A_read_resumed_inside_a_crowded_second_reads_the_rest_of_it_once()
    {
        await using var h = await BigCommerceHarness.StartAsync(pageSize: 50);
        var c = h.NewStore();
        var crowded = Seed(h, c, Enumerable.Repeat(700, 120));
        var later = Seed(h, c, [600]);
        var resumeAt = new OrderPosition(Base.AddSeconds(-700), crowded[64].ToString(System.Globalization.CultureInfo.InvariantCulture));

        var read = await ReadAllAsync(h, c, FromTheStart with { After = resumeAt });

        Assert.Equal(Ids(crowded.Skip(65).Concat(later)), read);
    }
}
