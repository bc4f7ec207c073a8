namespace Sandbox.ClickAndDrop;

/// <summary>The account's warehouse: applies postage and despatches new orders on its own after these delays (both from creation).</summary>
public sealed record ClickAndDropWarehouse(TimeSpan PostageAfter, TimeSpan DespatchAfter);
