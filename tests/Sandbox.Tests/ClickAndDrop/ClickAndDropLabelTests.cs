using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Sandbox.Tests.ClickAndDrop;

/// <summary><c>GET /orders/{orderIdentifiers}/label</c>: OBA only, postage first, Click &amp; Drop's error array otherwise.</summary>
public sealed class ClickAndDropLabelTests
{
    private const string Query = "?documentType=postageLabel&includeReturnsLabel=false";

    [Fact]
    public async Task Before_postage_is_400_saying_labels_need_postage_applied()
    {
        await using var cnd = await ClickAndDropFixture.StartAsync();
        var id = (await cnd.CreatedIdsAsync(ClickAndDropItems.Uk("R-label"))).Single();

        using var response = await cnd.Api.GetAsync($"orders/{id}/label{Query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray());
        Assert.Equal(id, error.GetProperty("accountOrderNumber").GetInt64());
        Assert.Equal("R-label", error.GetProperty("channelOrderReference").GetString());
        Assert.Equal("OrderValidationError", error.GetProperty("code").GetString());
        Assert.Contains("postage applied", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task After_postage_is_a_pdf_showing_the_tracking_number()
    {
        await using var cnd = await ClickAndDropFixture.StartAsync();
        var id = (await cnd.CreatedIdsAsync(ClickAndDropItems.Uk("R-label"))).Single();
        cnd.Simulator.ApplyPostage(id);

        using var response = await cnd.Api.GetAsync($"orders/{id}/label{Query}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var text = Encoding.ASCII.GetString(await response.Content.ReadAsByteArrayAsync());
        Assert.StartsWith("%PDF-", text);
        Assert.Contains(cnd.Simulator.Order(id)!.TrackingNumber!, text);
    }

    [Fact]
    public async Task Refused_label_is_400_with_the_reason_given()
    {
        await using var cnd = await ClickAndDropFixture.StartAsync();
        var id = (await cnd.CreatedIdsAsync(ClickAndDropItems.Uk("R-label"))).Single();
        cnd.Simulator.ApplyPostage(id);
        cnd.Simulator.RefuseLabel(id, "LabelGenerationFailed", "The carrier could not generate a label for this service.");

        using var response = await cnd.Api.GetAsync($"orders/{id}/label{Query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray());
        Assert.Equal("LabelGenerationFailed", error.GetProperty("code").GetString());
        Assert.Equal("The carrier could not generate a label for this service.", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Non_oba_account_is_403_without_a_body()
    {
        await using var cnd = await ClickAndDropFixture.StartAsync();
        using var olp = cnd.Client(ClickAndDropFixture.OlpKey);
        using var created = await cnd.CreateAsync([ClickAndDropItems.Uk("R-olp")], olp);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("createdOrders")[0].GetProperty("orderIdentifier").GetInt64();
        cnd.Simulator.ApplyPostage(id);

        using var response = await olp.GetAsync($"orders/{id}/label{Query}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Deleted_order_is_404_with_click_and_drops_error_array()
    {
        await using var cnd = await ClickAndDropFixture.StartAsync();
        var id = (await cnd.CreatedIdsAsync(ClickAndDropItems.Uk("R-gone"))).Single();
        (await cnd.Api.DeleteAsync($"orders/{id}")).EnsureSuccessStatusCode();

        using var response = await cnd.Api.GetAsync($"orders/{id}/label{Query}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(id, (await response.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("accountOrderNumber").GetInt64());
    }

    [Theory]
    [InlineData("", "InvalidDocumentType")]
    [InlineData("?documentType=postageLabel", "InvalidIncludeReturnsLabel")]
    public async Task Missing_query_parameters_are_400(string query, string code)
    {
        await using var cnd = await ClickAndDropFixture.StartAsync();

        using var response = await cnd.Api.GetAsync($"orders/1001/label{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, (await response.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("code").GetString());
    }
}
