using Fulfilment.Connections;
using Fulfilment.Failures;
using Fulfilment.Storage;

namespace Fulfilment.Functions.Manage;

/// <summary>Overall state: healthy, degraded (something needs looking at) or unhealthy (storage unreachable, or a failure left too long).</summary>
public enum HealthStatus { Healthy, Degraded, Unhealthy }

/// <summary>What Health answers. Credentials are never part of it.</summary>
public sealed record HealthReport(
    HealthStatus Status,
    DateTimeOffset CheckedAt,
    IReadOnlyList<string> Problems,
    StorageCheck Storage,
    IReadOnlyList<QueueDepth> Queues,
    IReadOnlyList<ConnectionHealth> Connections,
    IReadOnlyList<CarrierAccountHealth> CarrierAccounts,
    FailureSummary Failures);

/// <summary>Whether a table query and a queue call answered.</summary>
public sealed record StorageCheck(bool Reachable, string? Error);

/// <summary>Approximate message counts of one queue and its poison queue.</summary>
public sealed record QueueDepth(string Name, int Depth, int PoisonDepth);

/// <summary>A channel connection as ops need to see it (no credential).</summary>
public sealed record ConnectionHealth(string Id, string Channel, ConnectionStatus Status, string? StatusReason, DateTimeOffset? LastPolledAt,
    DateTimeOffset? Cursor, string? PollProblem = null);

/// <summary>A carrier account as ops need to see it (no key).</summary>
public sealed record CarrierAccountHealth(string Id, string Carrier, CarrierAccountStatus Status, string? StatusReason, string? DrainProblem = null);

/// <summary>How many failures and stuck orders there are (details at GET /api/manage/failures) and the oldest one's time.</summary>
public sealed record FailureSummary(int Failures, int Stuck, DateTimeOffset? OldestAt)
{
    public static readonly FailureSummary None = new(0, 0, null);
}

/// <summary>The rules that turn the observations into a status, apart from the I/O so they can be unit-tested.</summary>
public static class HealthRules
{
    /// <summary>Pairs each queue with its poison queue from the inspector's flat list of depths.</summary>
    public static IReadOnlyList<QueueDepth> PairQueues(IReadOnlyDictionary<string, int> depths)
    {
        var names = depths.Keys
            .Select(name => name.EndsWith("-poison", StringComparison.Ordinal) ? name[..^"-poison".Length] : name)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(name => name, StringComparer.Ordinal);
        return names.Select(name => new QueueDepth(name, depths.GetValueOrDefault(name), depths.GetValueOrDefault(StorageNames.Queues.Poison(name)))).ToList();
    }

    public static (HealthStatus Status, IReadOnlyList<string> Problems) Decide(StorageCheck storage, IReadOnlyList<QueueDepth> queues,
        IReadOnlyList<ConnectionHealth> connections, IReadOnlyList<CarrierAccountHealth> accounts, FailureSummary failures,
        FailureOptions options, DateTimeOffset now)
    {
        if (!storage.Reachable)
            return (HealthStatus.Unhealthy, [$"storage unreachable: {storage.Error}"]);
        var problems = new List<string>();
        foreach (var queue in queues.Where(q => q.PoisonDepth > 0))
            problems.Add($"{queue.PoisonDepth} message(s) in {StorageNames.Queues.Poison(queue.Name)} (the poison sweep records them as failures)");
        foreach (var connection in connections.Where(c => c.Status == ConnectionStatus.ReconnectRequired))
            problems.Add($"connection {connection.Id} needs reconnecting by the merchant: {connection.StatusReason}");
        foreach (var connection in connections.Where(c => c.Status == ConnectionStatus.PendingApproval))
            problems.Add($"connection {connection.Id} is waiting for an operator's approval (PATCH .../connections/{connection.Id} {{\"status\":\"Active\"}})");
        foreach (var connection in connections.Where(c => c.PollProblem is not null))
            problems.Add($"connection {connection.Id} cannot be polled: {connection.PollProblem}");
        foreach (var account in accounts.Where(a => a.Status == CarrierAccountStatus.NeedsCredentials))
            problems.Add($"carrier account {account.Id} needs new credentials: {account.StatusReason}");
        foreach (var account in accounts.Where(a => a.DrainProblem is not null))
            problems.Add($"carrier account {account.Id} fails to create shipments: {account.DrainProblem}");
        if (failures.Failures + failures.Stuck > 0)
            problems.Add($"{failures.Failures} failure(s) and {failures.Stuck} stuck order(s), the oldest since {failures.OldestAt:u} (GET .../manage/failures)");

        var tooOld = failures.OldestAt is { } oldest && oldest < now.AddMinutes(-options.UnhealthyAfterMinutes);
        var status = tooOld ? HealthStatus.Unhealthy : problems.Count == 0 ? HealthStatus.Healthy : HealthStatus.Degraded;
        return (status, problems);
    }
}
