using System.Net;

namespace Sandbox.Tests.ClickAndDrop;

/// <summary>The <c>Authorization</c> header: the account's key raw or as Bearer; <c>/version</c> open.</summary>
public sealed class ClickAndDropAuthTests
{
    [Theory]
    [InlineData(ClickAndDropFixture.ObaKey)]
    [InlineData("Bearer " + ClickAndDropFixture.ObaKey)]
    public async Task Key_is_accepted_raw_or_as_bearer(string authorization)
    {
        await using var cnd = await ClickAndDropFixture.StartAsync();
        using var http = cnd.Client(authorization);

        using var response = await http.GetAsync("orders?pageSize=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-key")]
    public async Task Missing_or_unknown_key_is_401_without_a_body(string? authorization)
    {
        await using var cnd = await ClickAndDropFixture.StartAsync();
        using var http = cnd.Client(authorization);

        using var response = await http.GetAsync("orders/1");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Version_needs_no_key()
    {
        await using var cnd = await ClickAndDropFixture.StartAsync();
        using var anonymous = cnd.Client(null);

        using var response = await anonymous.GetAsync("version");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("releaseDate", await response.Content.ReadAsStringAsync());
    }
}
