using Fulfilment.Storage;
using Xunit;

namespace Fulfilment.IntegrationTests.Storage;

/// <summary>Label PDFs in Blob Storage (Azurite).</summary>
public sealed class BlobLabelStoreTests
{
    [Fact]
    public async Task A_saved_label_reads_back_as_a_pdf_and_saving_again_overwrites()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var labels = ctx.Get<ILabelStore>();
        var shipment = StorageTestContext.Unique("12345");

        var name = await labels.SaveAsync("rm-demo", shipment, "%PDF-1.4 first"u8.ToArray(), default);
        var again = await labels.SaveAsync("rm-demo", shipment, "%PDF-1.4 second"u8.ToArray(), default);

        Assert.Equal($"rm-demo/{shipment}.pdf", name);
        Assert.Equal(name, again);
        Assert.Equal("%PDF-1.4 second"u8.ToArray(), await labels.GetAsync(name, default));
        var properties = await ctx.Blobs.GetBlobContainerClient(StorageNames.Containers.Labels).GetBlobClient(name).GetPropertiesAsync();
        Assert.Equal("application/pdf", properties.Value.ContentType);
        Assert.Null(await labels.GetAsync("rm-demo/missing.pdf", default));
    }
}
