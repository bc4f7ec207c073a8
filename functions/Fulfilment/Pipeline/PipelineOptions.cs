using System.ComponentModel.DataAnnotations;

namespace Fulfilment.Pipeline;

/// <summary>Tuning of the pipeline steps (section "Pipeline"). Defaults suit production.</summary>
public sealed class PipelineOptions
{
    public const string Section = "Pipeline";

    /// <summary>How far before the cursor a poll starts again, so orders modified while we paged are not missed.</summary>
    [Range(0, 1440)]
    public int PollOverlapMinutes { get; set; } = 10;

    /// <summary>Pages one PollConnection invocation reads before handing the rest to a follow-up message.</summary>
    [Range(1, 1000)]
    public int MaxPagesPerPoll { get; set; } = 20;

    /// <summary>
    /// How long one PollConnection invocation may read before handing the rest to a follow-up message, well inside the
    /// host's functionTimeout (waits for a channel's quota window count).
    /// </summary>
    [Range(10, 540)]
    public int PollTimeBudgetSeconds { get; set; } = 240;

    /// <summary>How long a poll holds its connection's lease between pages: one poll per connection at a time.</summary>
    [Range(10, 600)]
    public int PollLeaseSeconds { get; set; } = 120;

    /// <summary>How long one CreateShipments run may keep draining an account before leaving the rest to the next run.</summary>
    [Range(5, 600)]
    public int DrainTimeBudgetSeconds { get; set; } = 120;

    /// <summary>
    /// How long one carrier sync may spend downloading labels that did not come with their orders (oldest first, every
    /// account at once; the rest wait for the next run), well inside the host's functionTimeout.
    /// </summary>
    [Range(1, 300)]
    public int LabelTimeBudgetSeconds { get; set; } = 120;

    /// <summary>
    /// How long the oldest order of a batch that is not full may wait for more orders to join it. A full batch goes at
    /// the first drain (every few seconds); a partial one goes once its oldest order has waited this long. Fewer, fuller
    /// create calls (each carrier account has a request quota) against the time from order to carrier order: at 40 s,
    /// an account receiving 75 or more orders a minute sends batches of 50 or more, and no order waits more than about
    /// 45 s. 0 sends whatever is waiting at every drain.
    /// </summary>
    [Range(0, 3600)]
    public int CreateBatchMaxWaitSeconds { get; set; } = 40;

    /// <summary>
    /// How many create batches (of distinct orders) one drain of an account has in flight at once. A batch spends most
    /// of its time on storage (marking its orders, storing labels, recording), so one at a time leaves the carrier's
    /// quota idle behind a backlog; the carrier's own rate limit still paces the calls. 1 sends strictly one at a time.
    /// </summary>
    [Range(1, 16)]
    public int ParallelCreateBatches { get; set; } = 3;

    /// <summary>
    /// How often the carrier sync looks up every open shipment of an account (one call per 100 shipments). The runs in
    /// between (the schedule runs it every few seconds) look up only shipments made since, once each, so a parcel
    /// despatched soon after its carrier order is found in seconds. 0 looks every open shipment up at every run.
    /// </summary>
    [Range(0, 86400)]
    public int CarrierFullSyncSeconds { get; set; } = 60;

    /// <summary>
    /// How long a drain holds its carrier account's lease between renewals. It must outlast the longest single carrier
    /// call (a create batch with its timeout), or a second instance could resend a batch still in flight.
    /// </summary>
    [Range(5, 600)]
    public int DrainLeaseSeconds { get; set; } = 120;

    /// <summary>
    /// How long after an ambiguous send (timeout, 5xx, a crash) an order waits before it is looked up at the carrier by
    /// its reference: longer than the longest carrier call, so a create still in flight has landed by then.
    /// </summary>
    [Range(0, 3600)]
    public int CarrierSettleSeconds { get; set; } = 120;

    /// <summary>The first retry of a failed write-back waits this long; each next one twice as long, up to <see cref="WriteBackMaxDelaySeconds"/>.</summary>
    [Range(1, 3600)]
    public int WriteBackFirstDelaySeconds { get; set; } = 60;

    /// <summary>The longest wait between write-back attempts: a channel outage of any length is retried at least this often.</summary>
    [Range(1, 86400)]
    public int WriteBackMaxDelaySeconds { get; set; } = 1800;

    /// <summary>
    /// How long one instance keeps a connection's settings and a shipping mapping it found, instead of reading both for
    /// every order it normalises or despatches. A changed mapping or setting reaches orders within this time; a mapping
    /// added for a method that had none applies at once (a miss is never kept). 0 reads them for every order.
    /// </summary>
    [Range(0, 600)]
    public int SettingsCacheSeconds { get; set; } = 30;
}
