using Fulfilment.Orders;
using Xunit;
using static Fulfilment.IntegrationTests.Carriers.ClickAndDrop.ClickAndDropPlans;

namespace Fulfilment.IntegrationTests.Carriers.ClickAndDrop;

/// <summary>What the destination adds on the wire, as the simulator receives it: the business flag to Northern Ireland, IOSS to the EU.</summary>
public class ClickAndDropDestinationTests
{
    private static readonly Address Belfast = new()
    {
        FullName = "Rosalind Franklin", CompanyName = "Harland Ltd", Line1 = "2 Donegall Sq", City = "Belfast", Postcode = "BT1 5GS", CountryCode = "GB",
    };

    [Fact]
    public async Task Business_order_to_northern_ireland_from_an_oba_account_is_created_with_the_business_flag()
    {
        await using var h = await ClickAndDropHarness.StartAsync();
        var account = h.NewAccount(isOba: true); // a business sender, for whom the spec makes the flag mandatory

        var result = await h.Carrier.CreateShipmentsAsync(account, Requests([Uk("FF-1-belfast") with { Recipient = Belfast }]), default);

        Assert.Empty(result.Rejected);
        var order = Assert.Single(h.Simulator.Orders(account.Id));
        Assert.True((bool?)order.Request["isRecipientABusiness"]);
    }

    [Fact]
    public async Task Eu_consignment_carries_the_accounts_ioss_number_and_an_ioss_delivery_term()
    {
        await using var h = await ClickAndDropHarness.StartAsync();
        var account = h.NewAccount();
        account.Settings["iossNumber"] = "IM2760000742";

        var result = await h.Carrier.CreateShipmentsAsync(account, Requests([International("FF-1-paris")]), default);

        Assert.Single(result.Created);
        var request = Assert.Single(h.Simulator.Orders(account.Id)).Request;
        Assert.Equal("IM2760000742", (string?)request["postageDetails"]?["IOSSNumber"]);
        Assert.Equal("IOSS_DDU", (string?)request["deliveryTerm"]);
    }
}
