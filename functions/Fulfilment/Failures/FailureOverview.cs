using Fulfilment.Connections;
using Fulfilment.Orders;
using Fulfilment.Storage;
using Microsoft.Extensions.Options;

namespace Fulfilment.Failures;

/// <summary>What is stuck and why: recorded failures, and orders waiting in an outbox for longer than they should.</summary>
public enum StuckKind
{
    /// <summary>Normalised but not yet at the carrier (its account is refused, failing or cannot keep up).</summary>
    WaitingForCarrier,
    /// <summary>At the carrier but not despatched after <see cref="FailureOptions.DespatchStuckAfterHours"/>.</summary>
    NotDespatched,
    /// <summary>Despatched, but the channel has not taken the tracking yet (an outage, a reconnect needed).</summary>
    WritingBack,
}

/// <summary>An order held up in a non-final state for longer than the thresholds, with the cause as far as we know it.</summary>
public sealed record StuckOrder(string Id, StuckKind Kind, OrderKey Order, string Cause, DateTimeOffset Since);

/// <summary>Every failure and stuck order, oldest first, as <c>GET /api/manage/failures</c> shows them and Health counts them.</summary>
public sealed record FailureList(IReadOnlyList<Failure> Failures, IReadOnlyList<StuckOrder> Stuck)
{
    public int Count => Failures.Count + Stuck.Count;

    public DateTimeOffset? OldestAt =>
        Failures.Select(f => (DateTimeOffset?)f.FirstSeenAt).Concat(Stuck.Select(s => (DateTimeOffset?)s.Since)).Min();
}

/// <summary>How long things may wait before they count as stuck (section "Failures").</summary>
public sealed class FailureOptions
{
    public const string Section = "Failures";

    /// <summary>An order waiting for its carrier, or a failing write-back, counts as stuck after this long.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 10080)]
    public int StuckAfterMinutes { get; set; } = 30;

    /// <summary>A shipment not despatched by its carrier after this long is listed (warehouses take a day or two).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 2160)]
    public int DespatchStuckAfterHours { get; set; } = 72;

    /// <summary>Health turns unhealthy when any failure or stuck order is older than this.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 10080)]
    public int UnhealthyAfterMinutes { get; set; } = 60;
}

/// <summary>
/// Gathers the failures and stuck orders from the few places that hold them: the failures table and the outboxes
/// (pending shipments, open shipments, write-backs). Each is small by design, so this stays cheap enough for a
/// one-minute probe; it never scans the orders table.
/// </summary>
public sealed class FailureOverview(
    IFailureStore failures,
    IPendingShipmentStore pending,
    IShipmentStore shipments,
    IWriteBackOutbox writeBacks,
    ICarrierAccountStore accounts,
    IOrderStore orders,
    IOptions<FailureOptions> options,
    TimeProvider time)
{
    public const int MaxListed = 1000;

    public async Task<FailureList> GatherAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var recorded = await failures.ListAsync(MaxListed, cancellationToken);
        var stuck = new List<StuckOrder>();
        var accountList = await accounts.ListAsync(cancellationToken);
        var accountById = accountList.ToDictionary(a => a.Id, StringComparer.Ordinal);

        foreach (var (accountId, order, since) in await pending.ListWaitingSinceAsync(now.AddMinutes(-options.Value.StuckAfterMinutes), MaxListed, cancellationToken))
            stuck.Add(new StuckOrder(StuckId(StuckKind.WaitingForCarrier, order), StuckKind.WaitingForCarrier, order, CarrierCause(accountId, accountById.GetValueOrDefault(accountId)), since));

        var despatchCutoff = now.AddHours(-options.Value.DespatchStuckAfterHours);
        foreach (var account in accountList)
            // Shipments of carriers that report tracking stay open after despatch (until delivered): only those not despatched count.
            foreach (var shipment in (await shipments.ListOpenAsync(account.Id, cancellationToken)).Where(s => s.CreatedAt < despatchCutoff && s.DespatchedAt is null))
                stuck.Add(new StuckOrder(StuckId(StuckKind.NotDespatched, shipment.Order), StuckKind.NotDespatched, shipment.Order,
                    $"{account.Carrier} shipment {shipment.CarrierShipmentId} has not been despatched since {shipment.CreatedAt:u}.", shipment.CreatedAt));

        var writeBackCutoff = now.AddMinutes(-options.Value.StuckAfterMinutes);
        foreach (var entry in (await writeBacks.ListAsync(MaxListed, cancellationToken)).Where(w => w.EnqueuedAt < writeBackCutoff))
            stuck.Add(new StuckOrder(StuckId(StuckKind.WritingBack, entry.Order), StuckKind.WritingBack, entry.Order,
                entry.LastError is null ? "The write-back has not completed yet." : $"{entry.Attempts} attempt(s) failed; last: {entry.LastError}; next at {entry.DueAt:u}.",
                entry.EnqueuedAt));

        return new FailureList(await WithoutStaleAsync(recorded, cancellationToken), stuck.OrderBy(s => s.Since).ToList());
    }

    public static string StuckId(StuckKind kind, OrderKey order) => Failure.IdFor(FailureKind.Order, $"{kind}/{order}").Replace("order-", "stuck-", StringComparison.Ordinal);

    /// <summary>An order failure whose order has left NeedsAttention (a crash between the order and its index) is dropped here.</summary>
    private async Task<IReadOnlyList<Failure>> WithoutStaleAsync(IReadOnlyList<Failure> recorded, CancellationToken cancellationToken)
    {
        var current = new List<Failure>(recorded.Count);
        foreach (var failure in recorded)
        {
            if (failure.Kind == FailureKind.Order && ParseOrderKey(failure.Subject) is { } key
                && (await orders.GetAsync(key, cancellationToken))?.State != OrderState.NeedsAttention)
            {
                await failures.RemoveAsync(failure.Id, cancellationToken);
                continue;
            }
            current.Add(failure);
        }
        return current;
    }

    public static OrderKey? ParseOrderKey(string subject)
    {
        var slash = subject.IndexOf('/');
        return slash > 0 && slash < subject.Length - 1 ? new OrderKey(subject[..slash], subject[(slash + 1)..]) : null;
    }

    private static string CarrierCause(string accountId, CarrierAccount? account) => account switch
    {
        null => $"Carrier account {accountId} does not exist; create it or change the shipping mapping, then replay.",
        { Status: not CarrierAccountStatus.Active } => $"Carrier account {accountId} is {account.Status}: {account.StatusReason}",
        { DrainProblem: { } problem } => $"Creating shipments for carrier account {accountId} fails: {problem}",
        _ => $"Waiting for carrier account {accountId} (the carrier is slow, throttling or the timer is not running).",
    };
}
