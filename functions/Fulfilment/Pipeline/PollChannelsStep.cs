using Fulfilment.Connections;
using Fulfilment.Storage;
using Microsoft.Extensions.Logging;

namespace Fulfilment.Pipeline;

/// <summary>Timer step: one poll message per active connection, so each connection is polled by its own invocation.</summary>
public sealed class PollChannelsStep(IConnectionStore connections, IWorkQueue queue, PartnerRegistry partners, ILogger<PollChannelsStep> logger)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var all = await connections.ListAsync(cancellationToken);
        var sent = 0;
        foreach (var connection in all)
        {
            if (connection.Status != ConnectionStatus.Active)
                continue;
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
}
