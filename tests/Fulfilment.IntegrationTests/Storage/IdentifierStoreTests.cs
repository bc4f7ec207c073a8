using Fulfilment.Storage;

namespace Fulfilment.IntegrationTests.Storage;

public class IdentifierStoreTests
{
    [Fact]
    public async Task A_sequence_gives_each_number_once_across_concurrent_callers()
    {
        await using var storage = await StorageTestContext.SharedAsync();
        var store = storage.Get<IIdentifierStore>();
        var sequence = StorageTestContext.Unique("seq");

        var numbers = await Task.WhenAll(Enumerable.Range(0, 25).Select(_ => store.NextAsync(sequence, default)));

        Assert.Equal(Enumerable.Range(1, 25).Select(n => (long)n), numbers.Order());
    }

    [Fact]
    public async Task The_first_claim_of_a_key_wins_for_good()
    {
        await using var storage = await StorageTestContext.SharedAsync();
        var store = storage.Get<IIdentifierStore>();
        var key = StorageTestContext.Unique("FF-1001");

        Assert.Null(await store.FindAsync("scope", key, default));
        Assert.Equal("A", await store.ClaimAsync("scope", key, "A", default));
        Assert.Equal("A", await store.ClaimAsync("scope", key, "B", default));
        Assert.Equal("A", await store.FindAsync("scope", key, default));
        Assert.Null(await store.FindAsync("other-scope", key, default));
    }
}
