using System.Text;
using Fulfilment.Carriers;
using Fulfilment.Carriers.ClickAndDrop;
using Fulfilment.Partners;
using Sandbox.ClickAndDrop;
using Xunit;
using static Fulfilment.IntegrationTests.Carriers.ClickAndDrop.ClickAndDropPlans;

namespace Fulfilment.IntegrationTests.Carriers.ClickAndDrop;

/// <summary>
/// Labels: "not yet" only while Click &amp; Drop says postage is not applied; any other refusal comes back with its reason
/// (recorded on the shipment and not asked again); answers Click &amp; Drop did not write throw.
/// </summary>
public class ClickAndDropLabelTests
{
    /// <summary>Orders are created without asking for their label, so it is downloaded (the path labelErrors orders take).</summary>
    private static readonly Dictionary<string, string?> DownloadOnly = new() { ["ClickAndDrop:LabelInCreateResponse"] = "false" };

    [Fact]
    public async Task Created_orders_of_an_online_business_account_carry_their_label_and_others_ask_for_none()
    {
        await using var h = await ClickAndDropHarness.StartAsync();
        var oba = h.NewAccount(isOba: true);
        var olp = h.NewAccount(isOba: false);

        var labelled = Assert.Single((await h.Carrier.CreateShipmentsAsync(oba, Requests([Uk("FF-1-in-response")]), default)).Created);
        var unlabelled = Assert.Single((await h.Carrier.CreateShipmentsAsync(olp, Requests([Uk("FF-2-in-response")]), default)).Created);

        var text = Encoding.ASCII.GetString(labelled.LabelPdf!);
        Assert.StartsWith("%PDF-", text);
        Assert.Contains(labelled.TrackingNumber!, text);
        Assert.Null(labelled.LabelMissing);
        Assert.Equal((null, null, null), (unlabelled.LabelPdf, unlabelled.LabelMissing, unlabelled.TrackingNumber));
        Assert.False(h.Simulator.Orders(olp.Id).Single().Request["label"]!["includeLabelInResponse"]!.GetValue<bool>());
        Assert.Equal(0, h.Simulator.Stats(oba.Id).LabelRequests);
    }

    [Fact]
    public async Task Label_is_not_yet_before_postage_and_a_pdf_with_the_tracking_number_after()
    {
        await using var h = await ClickAndDropHarness.StartAsync(DownloadOnly);
        var account = h.NewAccount(isOba: true);
        var id = await CreateOneAsync(h, account, "FF-1-label");

        var before = await h.Carrier.GetLabelAsync(account, id, default);
        h.Simulator.ApplyPostage(long.Parse(id));
        var after = await h.Carrier.GetLabelAsync(account, id, default);

        Assert.Equal(CarrierLabel.NotYet, before);
        Assert.NotNull(after.Pdf);
        Assert.Null(after.Problem);
        var text = Encoding.ASCII.GetString(after.Pdf);
        Assert.StartsWith("%PDF-", text);
        var tracking = h.Simulator.Order(long.Parse(id))!.TrackingNumber!;
        Assert.Matches("^TT[0-9]{9}GB$", tracking);
        Assert.Contains(tracking, text);
    }

    [Fact]
    public async Task Label_click_and_drop_refuses_for_another_reason_is_refused_with_its_reason()
    {
        await using var h = await ClickAndDropHarness.StartAsync();
        var account = h.NewAccount(isOba: true);
        var id = await CreateOneAsync(h, account, "FF-1-refused");
        h.Simulator.ApplyPostage(long.Parse(id));
        h.Simulator.RefuseLabel(long.Parse(id), "LabelGenerationFailed", "The service does not support this package format.");

        var label = await h.Carrier.GetLabelAsync(account, id, default);

        Assert.Null(label.Pdf);
        Assert.Equal("Click & Drop refused the label: LabelGenerationFailed: The service does not support this package format.", label.Problem);
    }

    [Fact]
    public async Task Label_for_an_account_click_and_drop_says_is_not_oba_is_refused_with_a_clear_reason()
    {
        await using var h = await ClickAndDropHarness.StartAsync();
        var account = h.NewAccount(isOba: false);
        var id = await CreateOneAsync(h, account, "FF-1-nonoba");
        h.Simulator.ApplyPostage(long.Parse(id));
        account.Settings["onlineBusinessAccount"] = "true"; // the operator ticked OBA for an account that is not one

        var label = await h.Carrier.GetLabelAsync(account, id, default);

        Assert.Null(label.Pdf);
        Assert.Contains("Online Business Accounts only", label.Problem);
        Assert.Contains("onlineBusinessAccount", label.Problem);
        Assert.Equal(403, h.Simulator.RequestLog(account.Id)[^1].StatusCode);
    }

    [Fact]
    public async Task Label_for_a_non_oba_account_is_not_asked_for()
    {
        await using var h = await ClickAndDropHarness.StartAsync();
        var account = h.NewAccount(isOba: false);
        var id = await CreateOneAsync(h, account, "FF-1-olp");
        h.Simulator.ApplyPostage(long.Parse(id));

        Assert.Equal(CarrierLabel.NotYet, await h.Carrier.GetLabelAsync(account, id, default));
        Assert.DoesNotContain(h.Simulator.RequestLog(account.Id), r => r.RawTarget.Contains("/label", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Label_of_an_order_deleted_in_click_and_drop_is_refused()
    {
        await using var h = await ClickAndDropHarness.StartAsync();
        var account = h.NewAccount(isOba: true);
        var id = await CreateOneAsync(h, account, "FF-1-deleted");
        using var http = new HttpClient();
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", account.Credentials["apiKey"]);
        (await http.DeleteAsync($"{h.Sandbox.BaseUrl}{ClickAndDropSimulator.ApiPrefix}/orders/{id}")).EnsureSuccessStatusCode();

        var label = await h.Carrier.GetLabelAsync(account, id, default);

        Assert.Null(label.Pdf);
        Assert.Contains($"no order {id}", label.Problem);
    }

    [Theory]
    [InlineData(ClickAndDropForeignNotFound.Empty)]
    [InlineData(ClickAndDropForeignNotFound.Html)]
    public async Task Label_answered_by_a_404_click_and_drop_did_not_write_is_transient(ClickAndDropForeignNotFound kind)
    {
        await using var h = await ClickAndDropHarness.StartAsync();
        var account = h.NewAccount(isOba: true);
        var id = await CreateOneAsync(h, account, "FF-1-proxy");
        h.Simulator.ApplyPostage(long.Parse(id));
        h.Simulator.ForeignNotFoundNext(account.Id, 1, kind);

        var ex = await Assert.ThrowsAsync<ClickAndDropException>(() => h.Carrier.GetLabelAsync(account, id, default));

        Assert.Equal(PartnerFailureKind.Transient, ex.Kind);
        Assert.NotNull((await h.Carrier.GetLabelAsync(account, id, default)).Pdf);
    }

    private static async Task<string> CreateOneAsync(ClickAndDropHarness h, Fulfilment.Connections.CarrierAccount account, string reference) =>
        Assert.Single((await h.Carrier.CreateShipmentsAsync(account, Requests([Uk(reference)]), default)).Created).CarrierShipmentId;
}
