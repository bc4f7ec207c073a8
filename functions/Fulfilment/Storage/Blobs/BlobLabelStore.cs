using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Fulfilment.Storage.Blobs;

/// <summary>Carrier label PDFs at labels/{account}/{shipment}.pdf (each part URI-escaped, so any id makes one blob name).</summary>
public sealed class BlobLabelStore(BlobServiceClient service) : ILabelStore
{
    private readonly BlobContainerClient _container = service.GetBlobContainerClient(StorageNames.Containers.Labels);

    public async Task<string> SaveAsync(string carrierAccountId, string carrierShipmentId, byte[] pdf, CancellationToken cancellationToken)
    {
        var name = $"{Uri.EscapeDataString(carrierAccountId)}/{Uri.EscapeDataString(carrierShipmentId)}.pdf";
        var options = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/pdf" } };
        var blob = _container.GetBlobClient(name);
        try
        {
            await blob.UploadAsync(BinaryData.FromBytes(pdf), options, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.ContainerNotFound)
        {
            await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await blob.UploadAsync(BinaryData.FromBytes(pdf), options, cancellationToken);
        }
        return name;
    }

    public async Task<byte[]?> GetAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            var content = await _container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToArray();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }
}
