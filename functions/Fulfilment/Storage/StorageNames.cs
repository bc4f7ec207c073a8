namespace Fulfilment.Storage;

/// <summary>The only place that names tables, queues and blob containers; the trigger attributes and the Bicep use these (tests check).</summary>
public static class StorageNames
{
    /// <summary>The app setting / connection name the app's own storage uses (connection string or identity-based).</summary>
    public const string ConnectionName = "FulfilmentStorage";

    public static class Queues
    {
        public const string ChannelPoll = "channel-poll";
        public const string OrderNormalise = "order-normalise";
        public const string DespatchWriteBack = "despatch-writeback";
        public const string OrderImport = "order-import";
        /// <summary>Apply a shipment's tracking events to it and its order.</summary>
        public const string TrackingApply = "tracking-apply";
        /// <summary>Cancel an order (detected on its channel, or asked for while its carrier order was being created).</summary>
        public const string OrderCancel = "order-cancel";

        public const string ListingLink = "listing-link";
        public const string ListingSync = "listing-sync";

        public static readonly IReadOnlyList<string> All = [ChannelPoll, OrderNormalise, DespatchWriteBack, OrderImport, TrackingApply, OrderCancel, ListingLink, ListingSync];

        /// <summary>Where the Functions host moves a message after maxDequeueCount failures.</summary>
        public static string Poison(string queue) => queue + "-poison";
    }

    public static class Tables
    {
        public const string Connections = "Connections";
        public const string CarrierAccounts = "CarrierAccounts";
        public const string Orders = "Orders";
        public const string Shipments = "Shipments";
        public const string PendingShipments = "PendingShipments";
        public const string Products = "Products";
        public const string ShippingMappings = "ShippingMappings";
        public const string Leases = "Leases";
        public const string RateWindows = "RateWindows";
        public const string UsedTokens = "UsedTokens";
        public const string Failures = "Failures";
        public const string WriteBacks = "WriteBacks";
        public const string TrackingEvents = "TrackingEvents";
        public const string Identifiers = "Identifiers";
        public const string RoutingRules = "RoutingRules";

        public const string Listings = "Listings";
        public const string ListingRuns = "ListingRuns";
        public const string ExportLinks = "ExportLinks";

        public static readonly IReadOnlyList<string> All =
            [Connections, CarrierAccounts, Orders, Shipments, PendingShipments, Products, ShippingMappings, Leases, RateWindows, UsedTokens, Failures, WriteBacks,
             TrackingEvents, Identifiers, RoutingRules, Listings, ListingRuns, ExportLinks];
    }

    public static class Containers
    {
        public const string Labels = "labels";
    }
}
