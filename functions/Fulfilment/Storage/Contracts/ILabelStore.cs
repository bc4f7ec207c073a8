namespace Fulfilment.Storage;

/// <summary>Carrier labels in Blob Storage.</summary>
public interface ILabelStore
{
    /// <summary>Stores the PDF and returns the blob name; storing the same name twice overwrites.</summary>
    Task<string> SaveAsync(string carrierAccountId, string carrierShipmentId, byte[] pdf, CancellationToken cancellationToken);
    Task<byte[]?> GetAsync(string blobName, CancellationToken cancellationToken);
}
