using Fulfilment.Channels;
using Fulfilment.Connections;
using Fulfilment.Partners;
using Fulfilment.Storage;
using Microsoft.Extensions.Logging;

namespace Fulfilment.Pipeline;

/// <summary>
/// Timer step: one poll message per active connection, so each connection is polled by its own invocation; and, for
/// connections that hold credentials but are not polled, the channel's upkeep (if it has one) keeps them from lapsing.
/// </summary>
public sealed class PollChannelsStep(IConnectionStore connections, IWorkQueue queue, PartnerRegistry partners, IEnumerable<IChannelUpkeep> upkeeps,
    CredentialFailures credentialFailures, ILogger<PollChannelsStep> logger)
{
    private readonly Dictionary<string, IChannelUpkeep> _upkeeps = upkeeps.ToDictionary(u => u.Channel, StringComparer.OrdinalIgnoreCase);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var all = await connections.ListAsync(cancellationToken);
        var sent = 0;
        foreach (var connection in all)
        {
            if (connection.Status != ConnectionStatus.Active)
            {
                await KeepAliveAsync(connection, cancellationToken);
                continue;
            }
            if (partners.FindChannel(connection.Channel) is null)
            {
                logger.LogWarning("Connection {ConnectionId} names channel {Channel}, which this app does not have; not polled.", connection.Id, connection.Channel);
                continue;
            }
            await queue.SendAsync(StorageNames.Queues.ChannelPoll, new PollConnectionMessage(connection.Id, PipelineTracing.CurrentTraceParent()), cancellationToken);
            sent++;
        }
        logger.LogInformation("Fanned out {Count} poll messages for {Total} connections.", sent, all.Count);
        return sent;
    }

    private async Task KeepAliveAsync(ChannelConnection connection, CancellationToken cancellationToken)
    {
        if (connection.Status is not (ConnectionStatus.PendingApproval or ConnectionStatus.Suspended) || !connection.HasCredentials
            || !_upkeeps.TryGetValue(connection.Channel, out var upkeep))
            return;
        try
        {
            await upkeep.KeepAliveAsync(connection, cancellationToken);
        }
        catch (PartnerException ex) when (ex.Kind == PartnerFailureKind.Authentication)
        {
            await credentialFailures.ConnectionRefusedAsync(connection, ex, cancellationToken);
        }
        catch (PartnerException ex)
        {
            // The next timer tries again; one channel's outage must not stop the fan-out.
            logger.LogWarning("Keeping the credentials of {ConnectionId} alive failed: {Message}", connection.Id, ex.Message);
        }
    }
}
