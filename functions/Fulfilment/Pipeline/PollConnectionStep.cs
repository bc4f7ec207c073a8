using System.Diagnostics;
using Fulfilment.Channels;
using Fulfilment.Connections;
using Fulfilment.Orders;
using Fulfilment.Partners;
using Fulfilment.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fulfilment.Pipeline;

/// <summary>What one poll of a connection did.</summary>
public sealed record PollResult(string ConnectionId, int Pages, int Imported, int AlreadyKnown, int Unreadable, bool MoreToRead, string? StoppedBecause);

/// <summary>
/// Queue step: reads a connection's eligible orders by keyset position (its cursor less an overlap window, or where a
/// previous poll stopped), records each new order (planned and put in its carrier account's outbox, or queued for
/// normalisation), a page at a time, and moves the cursor after each page. One poll per connection runs at a time (a lease); a long backlog continues in a follow-up message from the
/// position reached, so the cursor always moves. An order that cannot be read or recorded waits as NeedsAttention with
/// the reason; the poll goes on.
/// </summary>
public sealed class PollConnectionStep(
    IConnectionStore connections,
    OrderRecorder recorder,
    IWorkQueue queue,
    ILeaseStore leases,
    PartnerRegistry partners,
    CredentialFailures credentialFailures,
    Cancellation.ChannelCancellationScan cancellations,
    IOptions<PipelineOptions> options,
    TimeProvider time,
    ILogger<PollConnectionStep> logger)
{
    public async Task<PollResult> RunAsync(PollConnectionMessage message, CancellationToken cancellationToken)
    {
        Activity.Current?.SetTag("connection.id", message.ConnectionId);
        await using var lease = await leases.TryAcquireAsync($"poll-{message.ConnectionId}", TimeSpan.FromSeconds(options.Value.PollLeaseSeconds), cancellationToken);
        if (lease is null)
        {
            // The poll holding it reads on from where it is and hands over a follow-up itself; a second reader would
            // only spend the channel's quota twice.
            logger.LogInformation("Connection {ConnectionId} is being polled already; this poll stands down.", message.ConnectionId);
            return new PollResult(message.ConnectionId, 0, 0, 0, 0, false, "another poll of the connection is running");
        }

        var connection = await connections.GetAsync(message.ConnectionId, cancellationToken);
        if (connection is null)
            return Stopped(message.ConnectionId, "the connection does not exist");
        if (connection.Status != ConnectionStatus.Active)
            return Stopped(connection.Id, $"the connection is {connection.Status}");
        if (partners.FindChannel(connection.Channel) is not { } channel)
            return Stopped(connection.Id, $"channel {connection.Channel} is not available in this app");

        var now = time.GetUtcNow();
        var deadline = now.AddSeconds(options.Value.PollTimeBudgetSeconds);
        var query = QueryFor(connection, channel.Descriptor, message, now);
        var tally = new Tally();
        var position = query.After;
        try
        {
            // Orders cancelled on the channel since the last poll (a follow-up poll has checked already).
            if (message.ResumeAfterModifiedAt is null)
                await cancellations.ScanAsync(connection, CancelledSince(connection, query), cancellationToken);

            await foreach (var page in channel.ReadOrdersAsync(connection, query, cancellationToken))
            {
                tally.Pages++;
                foreach (var outcome in await recorder.RecordPageAsync(connection, channel, page.Orders, cancellationToken))
                {
                    switch (outcome)
                    {
                        case RecordOutcome.Imported: tally.Imported++; break;
                        case RecordOutcome.Known: tally.Known++; break;
                        case RecordOutcome.Unreadable: tally.Unreadable++; break;
                    }
                }

                // Every order up to the page's position is recorded (and queued): the cursor may move past them.
                position = page.Next;
                connection = await AdvanceCursorAsync(connection, position, cancellationToken);
                if (connection.Status != ConnectionStatus.Active)
                    return Result(connection, tally, false, $"the connection became {connection.Status} while polling");
                if (!await lease.RenewAsync(cancellationToken))
                    return Result(connection, tally, false, "the poll lease was lost");

                if (tally.Pages >= options.Value.MaxPagesPerPoll || time.GetUtcNow() >= deadline)
                {
                    await queue.SendAsync(StorageNames.Queues.ChannelPoll, new PollConnectionMessage(connection.Id, PipelineTracing.CurrentTraceParent())
                    {
                        ResumeAfterModifiedAt = position.ModifiedAt,
                        ResumeAfterOrderId = position.OrderId,
                    }, cancellationToken);
                    logger.LogInformation("Poll of {ConnectionId} read {Pages} pages; continuing after {Position} in a follow-up message.", connection.Id, tally.Pages, position);
                    return Result(connection, tally, true, null);
                }
            }
        }
        catch (PartnerException ex) when (ex.Kind == PartnerFailureKind.Authentication)
        {
            connection = await credentialFailures.ConnectionRefusedAsync(connection, ex, cancellationToken);
            return Result(connection, tally, false, connection.StatusReason);
        }
        catch (PartnerException ex) when (ex.Kind == PartnerFailureKind.Rejected)
        {
            // The channel refuses the read itself (a setting it does not accept): retrying cannot help, the operator can.
            await SavePollProblemAsync(connection, $"{ex.Partner} refused to list orders: {ex.Message}", cancellationToken);
            logger.LogError("Poll of {ConnectionId} refused by {Partner}: {Message}", connection.Id, ex.Partner, ex.Message);
            return Result(connection, tally, false, ex.Message);
        }

        connection.LastPolledAt = now;
        connection.PollProblem = null;
        await SaveAsync(connection, c => { c.LastPolledAt = now; c.PollProblem = null; }, cancellationToken);
        logger.LogInformation("Polled {ConnectionId}: {Pages} pages, {Imported} new orders, {Known} already known, {Unreadable} unreadable.",
            connection.Id, tally.Pages, tally.Imported, tally.Known, tally.Unreadable);
        return Result(connection, tally, false, null);
    }

    private OrderQuery QueryFor(ChannelConnection connection, ChannelDescriptor channel, PollConnectionMessage message, DateTimeOffset now)
    {
        var createdSince = now.AddDays(-connection.MaxOrderAgeDays);
        var after = message.ResumeAfterModifiedAt is { } resumeAt
            ? new OrderPosition(resumeAt, message.ResumeAfterOrderId ?? "")
            : connection.Cursor is { } cursor && !channel.ReadsWholeWindow
                ? OrderPosition.Before(cursor.AddMinutes(-options.Value.PollOverlapMinutes))
                : OrderPosition.Before(createdSince);
        if (after.ModifiedAt < createdSince)
            after = OrderPosition.Before(createdSince);
        return new OrderQuery(after, createdSince, connection.ImportStatus ?? channel.DefaultImportStatus);
    }

    /// <summary>Since the last completed poll (less the overlap), or the poll's own start for the first one.</summary>
    private DateTimeOffset CancelledSince(ChannelConnection connection, OrderQuery query) =>
        connection.LastPolledAt is { } last && last.AddMinutes(-options.Value.PollOverlapMinutes) > query.After.ModifiedAt
            ? last.AddMinutes(-options.Value.PollOverlapMinutes)
            : query.After.ModifiedAt;

    /// <summary>The cursor only moves forward, whichever poll got further.</summary>
    private Task<ChannelConnection> AdvanceCursorAsync(ChannelConnection connection, OrderPosition position, CancellationToken cancellationToken)
    {
        void Apply(ChannelConnection c)
        {
            if (c.Cursor is null || position.ModifiedAt > c.Cursor)
                c.Cursor = position.ModifiedAt;
        }
        if (connection.Cursor is { } cursor && position.ModifiedAt <= cursor)
            return Task.FromResult(connection);
        Apply(connection);
        return SaveAsync(connection, Apply, cancellationToken);
    }

    private Task SavePollProblemAsync(ChannelConnection connection, string problem, CancellationToken cancellationToken)
    {
        connection.PollProblem = problem;
        return SaveAsync(connection, c => c.PollProblem = problem, cancellationToken);
    }

    /// <summary>Saves our change; if someone else changed the connection meanwhile (an uninstall, an operator), theirs wins and ours is applied on top.</summary>
    private async Task<ChannelConnection> SaveAsync(ChannelConnection connection, Action<ChannelConnection> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await connections.SaveAsync(connection, cancellationToken);
                return connection;
            }
            catch (ConcurrencyConflictException) when (attempt < 5)
            {
                connection = await connections.GetAsync(connection.Id, cancellationToken)
                    ?? throw new InvalidOperationException($"Connection {connection.Id} was deleted while it was polled.");
                change(connection);
            }
        }
    }

    private static PollResult Result(ChannelConnection connection, Tally tally, bool more, string? stoppedBecause) =>
        new(connection.Id, tally.Pages, tally.Imported, tally.Known, tally.Unreadable, more, stoppedBecause);

    private PollResult Stopped(string connectionId, string why)
    {
        logger.LogWarning("Not polling {ConnectionId}: {Why}.", connectionId, why);
        return new PollResult(connectionId, 0, 0, 0, 0, false, why);
    }

    private sealed class Tally
    {
        public int Pages, Imported, Known, Unreadable;
    }
}
