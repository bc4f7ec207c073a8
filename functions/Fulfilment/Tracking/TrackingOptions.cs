using System.ComponentModel.DataAnnotations;

namespace Fulfilment.Tracking;

/// <summary>Tracking of shipments whose carriers report events (section "Tracking").</summary>
public sealed class TrackingOptions
{
    public const string Section = "Tracking";

    /// <summary>A shipment we have heard nothing of for this long is asked about through its carrier's track API (0: every run).</summary>
    [Range(0, 10080)]
    public int SilentAfterMinutes { get; set; } = 360;

    /// <summary>Most shipments one run of the silent-shipment poll asks about; the rest wait for the next run.</summary>
    [Range(1, 100000)]
    public int MaxShipmentsPerRun { get; set; } = 2000;
}
