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
public sealed record PollResult(string ConnectionId, int Pages, int Imported, int AlreadyKnown, bool MoreToRead, string? StoppedBecause);

/// <summary>
/// Queue step: reads a connection's eligible orders since its cursor (minus an overlap window), records each new order
/// and queues it for normalisation, and advances the cursor only after a page is safely recorded.
/// </summary>
public sealed class PollConnectionStep(
    IConnectionStore connections,
    IOrderStore orders,
    IWorkQueue queue,
    PartnerRegistry partners,
    CredentialFailures credentialFailures,
    IOptions<PipelineOptions> options,
    TimeProvider time,
    ILogger<PollConnectionStep> logger)
{
    public async Task<PollResult> RunAsync(PollConnectionMessage message, CancellationToken cancellationToken)
    {
        // The host-facing middleware runs this step inside the trace the message carried.
        Activity.Current?.SetTag("connection.id", message.ConnectionId);

        var connection = await connections.GetAsync(message.ConnectionId, cancellationToken);
        if (connection is null)
            return Stopped(message.ConnectionId, "the connection does not exist");
        if (connection.Status != ConnectionStatus.Active)
            return Stopped(connection.Id, $"the connection is {connection.Status}");
        if (partners.FindChannel(connection.Channel) is not { } channel)
            return Stopped(connection.Id, $"channel {connection.Channel} is not available in this app");

        var now = time.GetUtcNow();
        var window = WindowFor(connection, channel.Descriptor, now);
        int pages = 0, imported = 0, known = 0;
        try
        {
            await foreach (var page in channel.ReadOrdersAsync(connection, window, cancellationToken))
            {
                pages++;
                foreach (var channelOrder in page.Orders)
                {
                    if (await RecordAsync(connection, channelOrder, now, cancellationToken)) imported++;
                    else known++;
                }

                // Only now is every order of the page recorded (and queued): the cursor may move past them.
                if (page.Orders.Count > 0)
                {
                    var latest = page.Orders.Max(o => o.ModifiedAt);
                    if (connection.Cursor is null || latest > connection.Cursor)
                    {
                        connection.Cursor = latest;
                        connection = await SaveConnectionAsync(connection, cancellationToken);
                        if (connection.Status != ConnectionStatus.Active)
                            return new PollResult(connection.Id, pages, imported, known, false, $"the connection became {connection.Status} while polling");
                    }
                }

                if (pages >= options.Value.MaxPagesPerPoll)
                {
                    // A large backlog continues in a fresh invocation, from the cursor just saved.
                    await queue.SendAsync(StorageNames.Queues.ChannelPoll, new PollConnectionMessage(connection.Id, PipelineTracing.CurrentTraceParent()), cancellationToken);
                    logger.LogInformation("Poll of {ConnectionId} read {Pages} pages; continuing in a follow-up message.", connection.Id, pages);
                    return new PollResult(connection.Id, pages, imported, known, true, null);
                }
            }
        }
        catch (PartnerException ex) when (ex.Kind == PartnerFailureKind.Authentication)
        {
            connection = await credentialFailures.ConnectionRefusedAsync(connection, ex, cancellationToken);
            return new PollResult(connection.Id, pages, imported, known, false, connection.StatusReason);
        }

        connection.LastPolledAt = now;
        await SaveConnectionAsync(connection, cancellationToken);
        logger.LogInformation("Polled {ConnectionId}: {Pages} pages, {Imported} new orders, {Known} already known.", connection.Id, pages, imported, known);
        return new PollResult(connection.Id, pages, imported, known, false, null);
    }

    private OrderWindow WindowFor(ChannelConnection connection, ChannelDescriptor channel, DateTimeOffset now)
    {
        var createdSince = now.AddDays(-connection.MaxOrderAgeDays);
        var modifiedSince = connection.Cursor is { } cursor
            ? cursor.AddMinutes(-options.Value.PollOverlapMinutes)
            : createdSince;
        if (modifiedSince < createdSince)
            modifiedSince = createdSince;
        return new OrderWindow(modifiedSince, createdSince, connection.ImportStatus ?? channel.DefaultImportStatus);
    }

    /// <summary>Records the order if new and queues it; true if it was new. A known order still in Imported is queued again
    /// (a crash may have come between recording and queueing; normalisation is idempotent).</summary>
    private async Task<bool> RecordAsync(ChannelConnection connection, ChannelOrder channelOrder, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = new OrderKey(connection.Id, channelOrder.ChannelOrderId);
        var order = new FulfilmentOrder(key, connection.Channel, channelOrder, now) { TraceParent = PipelineTracing.CurrentTraceParent() };
        var added = await orders.TryAddAsync(order, cancellationToken);
        if (!added)
        {
            var existing = await orders.GetAsync(key, cancellationToken);
            if (existing?.State != OrderState.Imported)
                return false;
        }
        await queue.SendAsync(StorageNames.Queues.OrderNormalise,
            new NormaliseOrderMessage(key.ConnectionId, key.ChannelOrderId, PipelineTracing.CurrentTraceParent()), cancellationToken);
        return added;
    }

    /// <summary>Saves cursor/status changes; if someone else changed the connection meanwhile (for example an uninstall),
    /// their change wins and ours is reapplied on top of it.</summary>
    private async Task<ChannelConnection> SaveConnectionAsync(ChannelConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await connections.SaveAsync(connection, cancellationToken);
            return connection;
        }
        catch (ConcurrencyConflictException)
        {
            var fresh = await connections.GetAsync(connection.Id, cancellationToken)
                ?? throw new InvalidOperationException($"Connection {connection.Id} was deleted while it was polled.");
            if (connection.Cursor > fresh.Cursor || fresh.Cursor is null) fresh.Cursor = connection.Cursor;
            fresh.LastPolledAt = connection.LastPolledAt;
            if (fresh.Status == ConnectionStatus.Active && connection.Status != ConnectionStatus.Active)
            {
                fresh.Status = connection.Status;
                fresh.StatusReason = connection.StatusReason;
            }
            await connections.SaveAsync(fresh, cancellationToken);
            return fresh;
        }
    }

    private PollResult Stopped(string connectionId, string why)
    {
        logger.LogWarning("Not polling {ConnectionId}: {Why}.", connectionId, why);
        return new PollResult(connectionId, 0, 0, 0, false, why);
    }
}
