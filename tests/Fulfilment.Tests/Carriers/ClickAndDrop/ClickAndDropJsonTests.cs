using System.Text.Json;
using System.Text.Json.Serialization;
using Fulfilment.Carriers.ClickAndDrop;
using Fulfilment.Carriers.ClickAndDrop.Dtos;
using Xunit;

namespace Fulfilment.Tests.Carriers.ClickAndDrop;

/// <summary>The source-generated wire format writes and reads what the reflection-based Web defaults did.</summary>
public class ClickAndDropJsonTests
{
    // What the client used before the source-generated context: the reference the context must match.
    private static readonly JsonSerializerOptions Reflection = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static TheoryData<string> Plans => new() { "uk", "eu-with-ioss", "northern-ireland" };

    [Theory]
    [MemberData(nameof(Plans))]
    public void Create_request_is_written_exactly_as_the_web_defaults_write_it(string plan)
    {
        var uk = ClickAndDropPlans.Uk();
        var order = plan switch
        {
            "uk" => ClickAndDropMapper.ToCreateOrder(uk),
            "eu-with-ioss" => ClickAndDropMapper.ToCreateOrder(ClickAndDropPlans.International(), new ClickAndDropOrderDefaults("Demo", "IM2760000742")),
            _ => ClickAndDropMapper.ToCreateOrder(uk with { Recipient = uk.Recipient with { Postcode = "BT1 5GS", CompanyName = "Harland Ltd" } }),
        };
        var request = new CreateOrdersRequest([order.Order!]);

        var generated = JsonSerializer.Serialize(request, ClickAndDropJson.Default.CreateOrdersRequest);

        Assert.Equal(JsonSerializer.Serialize(request, Reflection), generated);
        Assert.Contains("\"SKU\":", generated);
        Assert.Contains("\"packageFormatIdentifier\":\"smallParcel\"", generated);
        Assert.DoesNotContain("null", generated);
    }

    [Fact]
    public void Responses_are_read_case_insensitively_with_numbers_in_strings()
    {
        const string body = """{"SuccessCount":"1","errorsCount":0,"createdOrders":[{"OrderIdentifier":"1001","orderReference":"FF-1"}],"failedOrders":[]}""";

        var response = JsonSerializer.Deserialize(body, ClickAndDropJson.Default.CreateOrdersResponse)!;

        Assert.Equal(1, response.SuccessCount);
        Assert.Equal((1001, "FF-1"), (response.CreatedOrders![0].OrderIdentifier, response.CreatedOrders[0].OrderReference));
    }

    [Fact]
    public void Per_order_errors_are_read_as_an_array()
    {
        const string body = """[{"accountOrderNumber":157272,"channelOrderReference":"WEB-1","code":"OrderValidationError","message":"m"}]""";

        var errors = JsonSerializer.Deserialize(body, ClickAndDropJson.Default.ListOrderErrorResponse)!;

        Assert.Equal((157272L, "WEB-1", "OrderValidationError", "m"), (errors[0].AccountOrderNumber, errors[0].ChannelOrderReference, errors[0].Code, errors[0].Message));
    }
}
