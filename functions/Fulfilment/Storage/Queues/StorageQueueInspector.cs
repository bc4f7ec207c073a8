using Azure;
using Azure.Storage.Queues;

namespace Fulfilment.Storage.Queues;

/// <summary>Approximate depths of our queues and their poison queues, for Health.</summary>
public sealed class StorageQueueInspector(QueueServiceClient service) : IQueueInspector
{
    public async Task<IReadOnlyDictionary<string, int>> GetDepthsAsync(CancellationToken cancellationToken)
    {
        var names = StorageNames.Queues.All.SelectMany(q => new[] { q, StorageNames.Queues.Poison(q) }).ToList();
        var depths = await Task.WhenAll(names.Select(async name =>
        {
            try
            {
                var properties = await service.GetQueueClient(name).GetPropertiesAsync(cancellationToken);
                return (name, count: properties.Value.ApproximateMessagesCount);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                return (name, count: 0);
            }
        }));
        return depths.ToDictionary(d => d.name, d => d.count, StringComparer.Ordinal);
    }
}
