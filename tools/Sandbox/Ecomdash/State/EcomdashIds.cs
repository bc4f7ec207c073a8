namespace Sandbox.Ecomdash;

/// <summary>
/// Id sequences shared by every merchant, starting at the magnitudes the portal's samples show, so ids from
/// different kinds never collide by accident in a test and look like the real ones.
/// </summary>
internal sealed class EcomdashIds
{
    private long _company = 930;
    private long _storefront = 61930;
    private long _warehouse = 50;
    private long _carrier = 360;
    private long _product = 235000;
    private long _order = 86900;
    private long _line = 150000;
    private long _contact = 197200;
    private long _shipment = 7030800;
    private long _shipmentItem = 8582900;

    public long Company() => ++_company;
    public long Storefront() => ++_storefront;
    public long Warehouse() => ++_warehouse;
    public long Carrier() => ++_carrier;
    public long Product() => ++_product;
    public long Order() => ++_order;
    public long Line() => ++_line;
    public long Contact() => ++_contact;
    public long Shipment() => ++_shipment;
    public long ShipmentItem() => ++_shipmentItem;
}
