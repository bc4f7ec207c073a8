using System.Text.RegularExpressions;
using Fulfilment.DeployTests.Infrastructure;
using Fulfilment.Storage;

namespace Fulfilment.DeployTests;

/// <summary>The Bicep creates exactly the queues, tables and containers the code names in StorageNames, and no others.</summary>
public sealed partial class StorageNamesTests
{
    private static readonly string StorageBicep = File.ReadAllText(Path.Combine(RepoPaths.Infra, "modules", "storage.bicep"));

    private static List<string> BicepList(string variable)
    {
        var block = Regex.Match(StorageBicep, $@"var {variable} = \[(?<items>[^\]]*)\]");
        Assert.True(block.Success, $"storage.bicep has no 'var {variable} = [...]'");
        return Quoted().Matches(block.Groups["items"].Value).Select(m => m.Groups["name"].Value).Order(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public void Every_queue_and_its_poison_queue_is_created_and_no_other()
    {
        var expected = StorageNames.Queues.All.SelectMany(q => new[] { q, StorageNames.Queues.Poison(q) }).Order(StringComparer.Ordinal);
        Assert.Equal(expected, BicepList("queueNames"));
    }

    [Fact]
    public void Every_table_is_created_and_no_other()
    {
        Assert.Equal(StorageNames.Tables.All.Order(StringComparer.Ordinal), BicepList("tableNames"));
    }

    [Fact]
    public void The_label_container_is_created()
    {
        Assert.Contains(StorageNames.Containers.Labels, BicepList("containerNames"));
    }

    [GeneratedRegex("'(?<name>[^']+)'")]
    private static partial Regex Quoted();
}
