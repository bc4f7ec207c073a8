namespace Sandbox.ClickAndDrop;

/// <summary>Which API operation a route is; attached to each endpoint as metadata so the gate can count and fault by operation.</summary>
public enum ClickAndDropOperation
{
    Version,
    CreateOrders,
    ListOrders,
    GetOrders,
    DeleteOrders,
    UpdateStatus,
    GetLabel,
}

/// <summary>Endpoint metadata naming the operation (metadata must be a reference type).</summary>
internal sealed record ClickAndDropOperationMetadata(ClickAndDropOperation Operation);
