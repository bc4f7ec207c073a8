using System.ComponentModel.DataAnnotations;

namespace Fulfilment.Listings;

/// <summary>Tuning of the listing link and sync runs (section "Listings"). Defaults suit production.</summary>
public sealed class ListingsOptions
{
    public const string Section = "Listings";

    /// <summary>Listings one link invocation looks for; the rest continue in a follow-up message.</summary>
    [Range(10, 5000)]
    public int LinkBatchSize { get; set; } = 1000;

    /// <summary>How long one link or sync invocation may work before handing the rest to a follow-up message.</summary>
    [Range(10, 540)]
    public int TimeBudgetSeconds { get; set; } = 240;

    /// <summary>How long a run holds its connection's lease between batches: one link and one sync per connection at a time.</summary>
    [Range(10, 600)]
    public int LeaseSeconds { get; set; } = 180;

    /// <summary>How long a run put off (lease held, channel rate limiting or down) waits before it is tried again.</summary>
    [Range(1, 3600)]
    public int RetryDelaySeconds { get; set; } = 60;

    /// <summary>How many times a run is put off before it gives up (the problem is recorded; the timer starts a new one).</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 10;
}
