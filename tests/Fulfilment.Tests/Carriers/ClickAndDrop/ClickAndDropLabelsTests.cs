using Fulfilment.Carriers;
using Fulfilment.Carriers.ClickAndDrop;
using Fulfilment.Carriers.ClickAndDrop.Dtos;
using Xunit;

namespace Fulfilment.Tests.Carriers.ClickAndDrop;

public class ClickAndDropLabelsTests
{
    private static OrderErrorResponse Error(string code, string message) => new() { AccountOrderNumber = 1001, Code = code, Message = message };

    private static readonly OrderErrorResponse PostageNotApplied =
        Error("OrderValidationError", "Label generation only available for orders with postage applied status");

    [Fact]
    public void Postage_not_applied_is_not_yet()
    {
        Assert.Equal(CarrierLabel.NotYet, ClickAndDropLabels.Read(ClickAndDropLabelAnswer.Refusal(400, [PostageNotApplied]), "1001"));
    }

    [Fact]
    public void Another_validation_error_with_the_same_generic_code_is_refused_with_its_message()
    {
        var label = ClickAndDropLabels.Read(ClickAndDropLabelAnswer.Refusal(400, [Error("OrderValidationError", "Order has been cancelled")]), "1001");

        Assert.Equal("Click & Drop refused the label: OrderValidationError: Order has been cancelled", label.Problem);
    }

    [Fact]
    public void Postage_not_applied_beside_a_real_error_is_refused()
    {
        var label = ClickAndDropLabels.Read(ClickAndDropLabelAnswer.Refusal(400, [PostageNotApplied, Error("X", "Broken")]), "1001");

        Assert.NotNull(label.Problem);
        Assert.Contains("X: Broken", label.Problem);
    }

    [Fact]
    public void Forbidden_is_refused_naming_online_business_accounts_and_the_setting()
    {
        var label = ClickAndDropLabels.Read(ClickAndDropLabelAnswer.Forbidden, "1001");

        Assert.Contains("Online Business Accounts only", label.Problem);
        Assert.Contains("onlineBusinessAccount", label.Problem);
    }

    [Fact]
    public void Click_and_drops_404_is_refused_as_an_order_that_is_gone()
    {
        var label = ClickAndDropLabels.Read(ClickAndDropLabelAnswer.Refusal(404, [Error("OrderNotFound", "Order not found.")]), "1001");

        Assert.StartsWith("Click & Drop has no order 1001 any more", label.Problem);
    }

    [Fact]
    public void Pdf_is_the_label()
    {
        var pdf = "%PDF-1.4"u8.ToArray();

        Assert.Same(pdf, ClickAndDropLabels.Read(ClickAndDropLabelAnswer.Of(pdf), "1001").Pdf);
    }
}
