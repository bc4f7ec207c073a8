using Fulfilment.Connections;
using Fulfilment.Failures;
using Fulfilment.Functions.Manage;

namespace Fulfilment.Tests.Admin;

public class HealthRulesTests
{
    private static readonly StorageCheck Reachable = new(true, null);
    private static readonly QueueDepth[] EmptyQueues = [new("channel-poll", 0, 0), new("order-normalise", 3, 0)];
    private static readonly FailureOptions Options = new() { UnhealthyAfterMinutes = 60 };
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private static (HealthStatus Status, IReadOnlyList<string> Problems) Decide(StorageCheck storage, IReadOnlyList<QueueDepth> queues,
        IReadOnlyList<ConnectionHealth> connections, IReadOnlyList<CarrierAccountHealth> accounts, FailureSummary? failures = null) =>
        HealthRules.Decide(storage, queues, connections, accounts, failures ?? FailureSummary.None, Options, Now);

    [Fact]
    public void Everything_fine_is_healthy_even_with_work_queued()
    {
        var (status, problems) = Decide(Reachable, EmptyQueues, [], []);

        Assert.Equal(HealthStatus.Healthy, status);
        Assert.Empty(problems);
    }

    [Fact]
    public void A_poison_message_makes_it_degraded()
    {
        var (status, problems) = Decide(Reachable, [new("order-normalise", 0, 2)], [], []);

        Assert.Equal(HealthStatus.Degraded, status);
        Assert.Equal(["2 message(s) in order-normalise-poison (the poison sweep records them as failures)"], problems);
    }

    [Fact]
    public void A_connection_or_account_needing_credentials_makes_it_degraded_but_a_disconnected_one_does_not()
    {
        var disconnected = new ConnectionHealth("c1", "BigCommerce", ConnectionStatus.Disconnected, "uninstalled", null, null);
        var needsKey = new CarrierAccountHealth("rm-demo", "ClickAndDrop", CarrierAccountStatus.NeedsCredentials, "401");
        var needsToken = disconnected with { Id = "c2", Status = ConnectionStatus.ReconnectRequired };

        Assert.Equal(HealthStatus.Healthy, Decide(Reachable, EmptyQueues, [disconnected], []).Status);
        Assert.Equal(HealthStatus.Degraded, Decide(Reachable, EmptyQueues, [], [needsKey]).Status);
        Assert.Equal(HealthStatus.Degraded, Decide(Reachable, EmptyQueues, [needsToken], []).Status);
    }

    [Fact]
    public void Failures_make_it_degraded_and_a_failure_older_than_the_threshold_unhealthy()
    {
        var recent = new FailureSummary(1, 2, Now.AddMinutes(-10));
        var old = recent with { OldestAt = Now.AddMinutes(-61) };

        var (degraded, problems) = Decide(Reachable, EmptyQueues, [], [], recent);

        Assert.Equal(HealthStatus.Degraded, degraded);
        Assert.Contains(problems, p => p.StartsWith("1 failure(s) and 2 stuck order(s)", StringComparison.Ordinal));
        Assert.Equal(HealthStatus.Unhealthy, Decide(Reachable, EmptyQueues, [], [], old).Status);
    }

    [Fact]
    public void A_connection_waiting_for_approval_or_refusing_polls_and_an_account_failing_to_drain_are_named()
    {
        var pending = new ConnectionHealth("bigcommerce-new", "BigCommerce", ConnectionStatus.PendingApproval, null, null, null);
        var refusing = new ConnectionHealth("bigcommerce-bad", "BigCommerce", ConnectionStatus.Active, null, null, null, "BigCommerce refused to list orders: bad status");
        var failing = new CarrierAccountHealth("rm-demo", "ClickAndDrop", CarrierAccountStatus.Active, null, "InvalidOperationException: boom");

        var (status, problems) = Decide(Reachable, EmptyQueues, [pending, refusing], [failing]);

        Assert.Equal(HealthStatus.Degraded, status);
        Assert.Contains(problems, p => p.Contains("bigcommerce-new is waiting for an operator's approval", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("bigcommerce-bad cannot be polled: BigCommerce refused", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("rm-demo fails to create shipments: InvalidOperationException: boom", StringComparison.Ordinal));
    }

    [Fact]
    public void Unreachable_storage_is_unhealthy_with_the_reason()
    {
        var (status, problems) = Decide(new StorageCheck(false, "no answer within 10 s"), [], [], []);

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
