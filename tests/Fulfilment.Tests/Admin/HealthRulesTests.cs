using Fulfilment.Connections;
using Fulfilment.Functions.Manage;

namespace Fulfilment.Tests.Admin;

public class HealthRulesTests
{
    private static readonly StorageCheck Reachable = new(true, null);
    private static readonly QueueDepth[] EmptyQueues = [new("channel-poll", 0, 0), new("order-normalise", 3, 0)];

    [Fact]
    public void Everything_fine_is_healthy_even_with_work_queued()
    {
        var (status, problems) = HealthRules.Decide(Reachable, EmptyQueues, [], []);

        Assert.Equal(HealthStatus.Healthy, status);
        Assert.Empty(problems);
    }

    [Fact]
    public void A_poison_message_makes_it_degraded()
    {
        var (status, problems) = HealthRules.Decide(Reachable, [new("order-normalise", 0, 2)], [], []);

        Assert.Equal(HealthStatus.Degraded, status);
        Assert.Equal(["2 message(s) in order-normalise-poison"], problems);
    }

    [Fact]
    public void A_connection_or_account_needing_credentials_makes_it_degraded_but_a_disconnected_one_does_not()
    {
        var disconnected = new ConnectionHealth("c1", "BigCommerce", ConnectionStatus.Disconnected, "uninstalled", null, null);
        var needsKey = new CarrierAccountHealth("rm-demo", "ClickAndDrop", CarrierAccountStatus.NeedsCredentials, "401");
        var needsToken = disconnected with { Id = "c2", Status = ConnectionStatus.ReconnectRequired };

        Assert.Equal(HealthStatus.Healthy, HealthRules.Decide(Reachable, EmptyQueues, [disconnected], []).Status);
        Assert.Equal(HealthStatus.Degraded, HealthRules.Decide(Reachable, EmptyQueues, [], [needsKey]).Status);
        Assert.Equal(HealthStatus.Degraded, HealthRules.Decide(Reachable, EmptyQueues, [needsToken], []).Status);
    }

    [Fact]
    public void Unreachable_storage_is_unhealthy_with_the_reason()
    {
        var (status, problems) = HealthRules.Decide(new StorageCheck(false, "no answer within 10 s"), [], [], []);

        Assert.Equal(HealthStatus.Unhealthy, status);
        Assert.Equal(["storage unreachable: no answer within 10 s"], problems);
    }

    [Fact]
    public void Queue_depths_are_paired_with_their_poison_queues()
    {
        var pairs = HealthRules.PairQueues(new Dictionary<string, int>
        {
            ["channel-poll"] = 1, ["channel-poll-poison"] = 4, ["order-normalise"] = 2, ["despatch-writeback-poison"] = 1,
        });

        Assert.Equal([new QueueDepth("channel-poll", 1, 4), new QueueDepth("despatch-writeback", 0, 1), new QueueDepth("order-normalise", 2, 0)], pairs);
    }
}
